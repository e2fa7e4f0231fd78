//! The command line's help text, its list of charts read from the registry.

const HELP: &str = "\
Teamscape: draw a multi-agency children's services team and see what its structure does to it.

USAGE:
    teamscape [FILE [--sheet NAME]] [--view VIEW] [--present] [--hide-names] [--theme light|dark]
              [--screenshot PNG [--dump-layout JSON]] [--renderer auto|wgpu|glow]
        Open the app, with FILE (a .ron team file, a workbook: .xlsx, .ods or .xls, or a
        .csv spreadsheet) or a sample team. A file is known by its content, whatever its
        name ends in; a CSV file may be UTF-8, UTF-16 or Windows-1252. FILE may be a
        portfolio (teamscape portfolio): it opens in the Service view, every team on one
        map (VIEW service-teams, service-people, service-shared or service-disciplines
        picks a table, service-conditions the conditions across the service and
        service-changes what changed since its last snapshot), and a team opened from there
        is saved as a team file of its own.
        --team NAME opens one team straight away; check, convert and report take it too.
        VIEW is map, rings, ladder, table, compare (the latest snapshot against now; also
        compare-map, compare-slopes), charts, or chart:ID with ID one of {charts}.
        --present starts the workshop presentation (full screen; arrows step, Esc leaves);
        names show unless --hide-names is given (F5 in the app hides them by default).
        --hide-names shows members by job title or “Member N”, in workshop-safe mode: no
        figure for a group under the team's minimum size (3 unless the team sets another),
        or --min-group N. Each discipline that meets the minimum is shown on its own, the
        rest of each professional family together where there are enough of them, and only
        then “Other disciplines”; --group-by family shows professional families throughout.
        --screenshot saves a picture of the window once it has settled, then exits;
        --dump-layout FILE.json beside it writes where that frame drew each member, label
        and external manager's box, in screen points (for tests and layout checks).
        --renderer auto|wgpu|glow chooses how the window is drawn (also the environment
        variable TEAMSCAPE_RENDERER). auto, the default, starts wgpu and falls back to
        OpenGL (glow) if wgpu cannot start; glow suits old graphics drivers that draw badly.
    teamscape FILE --export-slides DIR [--hide-names [--group-by discipline|family]]
                                       [--theme light|dark]
        Render the team's chosen slides at 1920×1080 to DIR/NN-<id>.png, write
        DIR/handout.md and DIR/handout.pdf (A4), then exit. Needs a display (Xvfb will
        do) but no user.
    teamscape check FILE [--sheet NAME]
        Check a team file or spreadsheet. Exits 0 if it is valid, or 1 listing every
        problem. A workbook is read from its first sheet with name and discipline columns
        in its header row, or from the sheet NAME.
    teamscape convert IN OUT [--sheet NAME] [--hide-names [--min-group N] [--group-by G]]
        Convert a team file or spreadsheet to .ron, .csv or .xlsx (by OUT's extension).
        An .xlsx holds the members (money in £, time shares in %), the figures per
        discipline and the findings; with --hide-names, only the figures, small groups
        withheld, and the findings. OUT is written safely.
    teamscape report FILE [--sheet NAME] [--format text|json|md]
                     [--hide-names [--min-group N] [--group-by discipline|family]]
                     [--perceptions RESPONSES]
        The team's figures and findings: text for the terminal, md (Markdown) for workshop
        handouts, json for other tools. --hide-names applies workshop-safe mode: every
        figure of a group under the minimum size (the team's, or N) is withheld, and no
        combination of what is shown gives one person's pay, leave, training, autonomy or
        conditions away; small disciplines are shown by professional family where there are
        enough of them (--group-by family: families throughout). --perceptions analyses a responses sheet with the team without
        storing it (in place of the rounds in FILE).
    teamscape compare OLD NEW [--format text|json|md]
                      [--hide-names [--min-group N] [--group-by discipline|family]]
        What changed between two versions of a team: members added, removed and changed
        (each field, old → new), moves between the core and the edge, each discipline's
        figures side by side, and findings. OLD and NEW are team files or spreadsheets, or
        FILE#LABEL for the snapshot LABEL kept in FILE. Members are matched by id within one
        file, and by name and discipline across files that do not share ids. --hide-names
        counts members instead of naming them, groups disciplines and withholds figures
        as the report does.
    teamscape pay-year FILE [YEAR [--uplift PERCENT | --table SHEET] --source TEXT [--scale NAME]]
        Without YEAR, list the team's pay year and the year, date and source of each of its
        scales, and say when that year is over. With YEAR (such as 2025/26), re-rate every
        member on a national scale point to that year's figures and save FILE (the old one
        is kept as FILE.bak). With --uplift, make YEAR from an announced award instead: each
        scale's figures (or --scale NAME's) raised by PERCENT to the pound, every one marked
        estimated with --source, which says where and when the award was announced. With
        --table, read YEAR from a published table instead (.csv, .xlsx or .ods, the columns
        scale, point and salary): every point of each scale it names, none estimated;
        a row the team cannot place is refused with its line, and nothing is written.
    teamscape pay-year FILE --keep
        Keep each year FILE made by hand (the built-in library does not hold it) in your
        own pay library, pay_years.ron in Teamscape's data folder, so every team and
        command can choose it; a year the built-in library holds is never replaced.
    teamscape perceptions import TEAM.ron RESPONSES.csv [--round LABEL] [--instrument INSTRUMENT]
    teamscape perceptions link TEAM.ron --round LABEL --snapshot LABEL
        Add a round of anonymous perception responses (a form's export: one row per
        respondent with rater_discipline, feel_valued, “say: <discipline>” and
        “valued: <discipline>” columns; or one row per pairwise choice with respondent,
        rater_discipline, higher and lower) to TEAM.ron, saved safely (TEAM.ron.bak kept).
        With --instrument (a file of items: id,factor,about,reverse,min,max,text; or the
        name of one Teamscape ships: “Collaboration”, “Team climate”, “Teamscape short
        form”), a relational round: one row per respondent with rater_discipline (or a
        professional family), a column “<id>” per item about the team and “<id>:
        <discipline>” per item about each group; n/a is “I don't work with them”.
    teamscape feedback import TEAM.ron RESPONSES.csv --kind esq|fft [--round LABEL]
    teamscape feedback import TEAM.ron RESPONSES.csv --kind own --instrument FILE [--round LABEL]
    teamscape feedback link TEAM.ron --round LABEL --snapshot LABEL
    teamscape feedback quote TEAM.ron --round LABEL TEXT
    teamscape feedback involvement TEAM.ron --snapshot LABEL --involvement HOW [--note TEXT]
        What children and families told the team. import adds a round from a sheet: for
        the Experience of Service Questionnaire (esq) one row per response with respondent,
        form (parent, young person or child), date, q1 … q12 (certainly true, partly true,
        not true, don't know, or empty) and the free text liked, improve and other; for the
        Friends and Family Test (fft) date, rating (very good … very poor, or 1–5 with 1 the
        best, or don't know) and comment; for the team's own questionnaire (own, with an
        instrument file of items about the team: id,factor,about,reverse,min,max,text)
        respondent, date, a column per item id (a number on its scale, or don't know) and
        comment. Every bad cell is named and nothing is stored
        from a refused sheet; no respondent id or response date is kept. link pairs a round
        with a snapshot (a restructure's before); quote picks a comment for workshops,
        refused where it holds a team member's name or one the manager keeps for the round;
        involvement records how service users were involved in the change a snapshot marks
        (co-designed, consulted, informed or not-involved). TEAM.ron is saved safely.
    teamscape portfolio import STAFF.csv OUT.ron
        Make a portfolio, the teams of one service and the people they share, from a
        staffing sheet in the long form HR and finance systems export: one row per post,
        with person_id, name, discipline, agency, team and fte_in_team (the person's FTE
        in that team), then optionally fte (contracted), salary, leave_days,
        training_days, years_of_service, line_manager (a person_id) and core_threshold
        (the team's). A person's fields on several rows must agree, or nothing is written
        and the rows are named. OUT is written safely.
    teamscape portfolio add TEAM PORTFOLIO.ron [--same \"NAME=PERSON_ID\"]... [--separate NAME]...
        Add a team file (or spreadsheet) to a portfolio as a new team, making the portfolio
        if it does not exist. A member is the person the portfolio holds with the same
        name, discipline and employer; a name held with another discipline or employer,
        or by several people, is a question: the candidates are listed, nothing is written,
        and --same or --separate answers. Where the two disagree about a person, the
        portfolio's figure is kept and the difference listed. PORTFOLIO is written safely.
    teamscape portfolio report FILE [--format text|json|md] [--hide-names]
        Each team's people, FTE, core, edge and people shared with other teams; how many
        teams each person works in; disciplines by how thinly they are spread; the FTE
        each pair of teams shares (docs/measures.md, “Across teams”). FILE is a
        portfolio or a staffing sheet. --hide-names leaves out the list of people in
        three teams or more; the JSON names no one either way.
    teamscape portfolio snapshot PORTFOLIO.ron LABEL
        Keep the service as it is today in the portfolio, as LABEL, to compare with later.
    teamscape portfolio compare BEFORE AFTER [--format text|json|md] [--hide-names]
        Each team's figures then and now, people by number of teams, who works in more or
        fewer teams, and findings that name no one. BEFORE and AFTER are portfolio files
        or FILE#LABEL for a snapshot. --hide-names leaves out who moved.
    teamscape generate --members N OUT
        Write a synthetic team of N members (.ron or .csv), for trying Teamscape at scale.
    teamscape generate --teams T --people P OUT.ron
        Write a synthetic portfolio: T teams, P people, about 1.5 posts each.
    teamscape --help
        Show this help.
    teamscape --version
        Show the version.

EXIT CODES: 0 success, 1 a problem with the input (explained on stderr), 2 a wrong command line.
";

/// The help text, with the charts listed from [`crate::ui::charts::ChartId`] (so a new chart
/// is in it without another list to edit), wrapped to the text's width.
pub fn help() -> String {
    let ids: Vec<&str> = crate::ui::charts::ChartId::all()
        .map(crate::ui::charts::ChartId::id)
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = "        VIEW is map, rings, ladder, table, compare (the latest snapshot against now; also\n        compare-map, compare-slopes), charts, or chart:ID with ID one of".to_owned();
    for (k, id) in ids.iter().enumerate() {
        let word = format!(" {id}{}", if k + 1 == ids.len() { "." } else { "," });
        let last = line.rsplit('\n').next().unwrap_or("");
        if last.chars().count() + word.chars().count() > 92 {
            lines.push(std::mem::replace(&mut line, format!("       {word}")));
        } else {
            line.push_str(&word);
        }
    }
    lines.push(line);
    HELP.replace(
        "        VIEW is map, rings, ladder, table, compare (the latest snapshot against now; also\n        compare-map, compare-slopes), charts, or chart:ID with ID one of {charts}.",
        &lines.join("\n"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_view_of_the_service_is_in_the_help() {
        let help = super::help();
        for tab in crate::ui::service::Tab::ALL {
            assert!(help.contains(tab.id()), "{} is not in the help", tab.id());
        }
    }
}
