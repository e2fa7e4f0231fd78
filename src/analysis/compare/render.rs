//! Writing the comparison out: text, Markdown and JSON (`teamscape compare`).

use super::findings::fte;
use super::*;

/// The comparison as the CLI's `--format` asks: text, Markdown or JSON.
pub fn render(c: &Comparison, format: report::Format) -> String {
    match format {
        report::Format::Json => json(c),
        report::Format::Markdown => markdown(c),
        report::Format::Text => text(c),
    }
}

fn side_cell(d: &DisciplineChange, m: Measure, old: bool, hidden: bool, min: usize) -> String {
    match if old { &d.old } else { &d.new } {
        None => "—".to_owned(),
        Some(_) if d.withheld.contains(&m) => "withheld".to_owned(),
        Some(s) if s.withheld && m != Measure::Headcount => format!("fewer than {min}"),
        Some(s) => m
            .value(s, hidden)
            .map_or_else(|| "n/a".to_owned(), |v| m.format(v)),
    }
}

/// Rows for the side-by-side table: discipline, then old → new (change) per measure.
/// `arrow` joins the two: "→" in text, "to" in the window (egui's font has no arrows).
pub fn table_rows(c: &Comparison, arrow: &str) -> Vec<Vec<String>> {
    let hidden = c.names_hidden();
    let min = c.hidden.unwrap_or(0);
    c.disciplines
        .iter()
        .map(|d| {
            let mut row = vec![d.name.clone()];
            for m in Measure::ALL {
                let old = side_cell(d, m, true, hidden, min);
                let new = side_cell(d, m, false, hidden, min);
                let change = if c.comparable(d) || m == Measure::Headcount {
                    d.change(m, hidden)
                        .filter(|v| v.abs() > 1e-9)
                        .map(|v| format!(" ({})", m.format_change(v)))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                row.push(format!("{old} {arrow} {new}{change}"));
            }
            row
        })
        .collect()
}

fn member_lines(c: &Comparison) -> Vec<(String, Vec<String>)> {
    let list = |l: &[MemberRef]| -> Vec<String> {
        l.iter()
            .map(|m| format!("{} ({})", m.name, m.discipline))
            .collect()
    };
    let changed = c
        .changed
        .iter()
        .map(|m| {
            let fields: Vec<String> = m
                .fields
                .iter()
                .map(|f| format!("{} {} → {}", f.field, f.old, f.new))
                .collect();
            format!(
                "{} ({}, matched by {}): {}",
                m.member.name,
                m.member.discipline,
                m.matched_by.label(),
                fields.join("; ")
            )
        })
        .collect();
    vec![
        ("Added".to_owned(), list(&c.added)),
        ("Removed".to_owned(), list(&c.removed)),
        ("Changed".to_owned(), changed),
        ("Moved to the core".to_owned(), list(&c.moved_to_core)),
        ("Moved to the edge".to_owned(), list(&c.moved_to_periphery)),
    ]
}

fn hidden_counts(c: &Comparison) -> String {
    format!(
        "{} added, {} removed, {} changed, {} moved to the core, {} moved to the edge. Names are hidden: members are counted, not listed, and a discipline's figures are shown only where the report would show them (groups of at least {min}). Pay, leave, training or autonomy is also withheld where fewer than {min} of a discipline's members changed in it, since the difference would show theirs.",
        c.added.len(),
        c.removed.len(),
        c.changed.len(),
        c.moved_to_core.len(),
        c.moved_to_periphery.len(),
        min = c.hidden.unwrap_or(0)
    )
}

fn headline(c: &Comparison) -> String {
    format!(
        "{} → {}: {} ({} FTE) → {} ({} FTE)",
        c.old.title,
        c.new.title,
        count(c.old.headcount, "member", "members"),
        fte(c.old.team_fte),
        count(c.new.headcount, "member", "members"),
        fte(c.new.team_fte)
    )
}

fn text(c: &Comparison) -> String {
    let mut out = format!(
        "Comparison of {}\n{}\n\nFindings\n",
        c.new.name,
        headline(c)
    );
    for f in &c.findings {
        let _ = writeln!(out, "  - {f}");
    }
    out.push_str("\nMembers\n");
    if c.names_hidden() {
        let _ = writeln!(out, "  {}", hidden_counts(c));
    } else {
        for (title, lines) in member_lines(c) {
            let _ = writeln!(out, "  {title}: {}", lines.len());
            for l in lines {
                let _ = writeln!(out, "    - {l}");
            }
        }
    }
    out.push_str("\nDisciplines (old → new)\n");
    let hidden = c.names_hidden();
    for row in table_rows(c, "→") {
        let mut cells = row.into_iter();
        let _ = writeln!(out, "  {}", cells.next().unwrap_or_default());
        for (m, cell) in Measure::ALL.iter().zip(cells) {
            let _ = writeln!(out, "    {}: {cell}", m.label(hidden));
        }
    }
    let _ = writeln!(out, "\n{INDEX_NOTE}");
    out
}

fn markdown(c: &Comparison) -> String {
    let hidden = c.names_hidden();
    let mut out = format!(
        "# Comparison of {}\n\n{}\n\n## Findings\n\n",
        c.new.name,
        headline(c)
    );
    for f in &c.findings {
        let _ = writeln!(out, "- {f}");
    }
    out.push_str("\n## Members\n\n");
    if hidden {
        let _ = writeln!(out, "{}", hidden_counts(c));
    } else {
        for (title, lines) in member_lines(c) {
            let _ = write!(out, "**{title}** ({})\n\n", lines.len());
            for l in &lines {
                let _ = writeln!(out, "- {l}");
            }
            if !lines.is_empty() {
                out.push('\n');
            }
        }
    }
    out.push_str("\n## Disciplines (old → new)\n\n| Discipline |");
    for m in Measure::ALL {
        let _ = write!(out, " {} |", m.label(hidden));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(Measure::ALL.len()));
    out.push('\n');
    for row in table_rows(c, "→") {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let _ = writeln!(out, "\n{INDEX_NOTE}");
    out
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    title: &'a str,
    name: &'a str,
    headcount: usize,
    team_fte: f64,
}

#[derive(Serialize)]
struct JsonChanged<'a> {
    name: &'a str,
    matched_by: MatchRule,
    fields: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct JsonMembers<'a> {
    added: Vec<&'a str>,
    removed: Vec<&'a str>,
    changed: Vec<JsonChanged<'a>>,
    moved_to_core: Vec<&'a str>,
    moved_to_periphery: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonCounts {
    added: usize,
    removed: usize,
    changed: usize,
    moved_to_core: usize,
    moved_to_periphery: usize,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonMemberPart<'a> {
    Listed(JsonMembers<'a>),
    /// Names hidden: how many, never who.
    Counted(JsonCounts),
}

#[derive(Serialize)]
struct JsonSide {
    headcount: usize,
    team_fte: Option<f64>,
    median_salary: Option<f64>,
    mean_salary: Option<f64>,
    mean_leave_days: Option<f64>,
    mean_training_days: Option<f64>,
    mean_autonomy: Option<f64>,
    core_share: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    withheld: bool,
}

impl From<&Side> for JsonSide {
    fn from(s: &Side) -> Self {
        Self {
            headcount: s.headcount,
            team_fte: s.team_fte,
            median_salary: s.median_salary,
            mean_salary: s.mean_salary,
            mean_leave_days: s.mean_leave_days,
            mean_training_days: s.mean_training_days,
            mean_autonomy: s.mean_autonomy,
            core_share: s.core_share,
            withheld: s.withheld,
        }
    }
}

#[derive(Serialize)]
struct JsonChange {
    headcount: Option<i64>,
    team_fte: Option<f64>,
    median_salary: Option<f64>,
    mean_salary: Option<f64>,
    mean_leave_days: Option<f64>,
    mean_training_days: Option<f64>,
    mean_autonomy: Option<f64>,
    core_share: Option<f64>,
}

#[derive(Serialize)]
struct JsonDiscipline<'a> {
    name: &'a str,
    old: Option<JsonSide>,
    new: Option<JsonSide>,
    change: Option<JsonChange>,
}

#[derive(Serialize)]
struct JsonComparison<'a> {
    old: JsonSummary<'a>,
    new: JsonSummary<'a>,
    names_hidden: bool,
    members: JsonMemberPart<'a>,
    disciplines: Vec<JsonDiscipline<'a>>,
    findings: &'a [String],
    note: &'static str,
}

/// Rounded for JSON: floating-point noise (0.30000000000000004) says nothing.
fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn names_of(list: &[MemberRef]) -> Vec<&str> {
    list.iter().map(|m| m.name.as_str()).collect()
}

fn json(c: &Comparison) -> String {
    let old = JsonSummary {
        title: &c.old.title,
        name: &c.old.name,
        headcount: c.old.headcount,
        team_fte: round(c.old.team_fte),
    };
    let new = JsonSummary {
        title: &c.new.title,
        name: &c.new.name,
        headcount: c.new.headcount,
        team_fte: round(c.new.team_fte),
    };
    let members = if c.names_hidden() {
        JsonMemberPart::Counted(JsonCounts {
            added: c.added.len(),
            removed: c.removed.len(),
            changed: c.changed.len(),
            moved_to_core: c.moved_to_core.len(),
            moved_to_periphery: c.moved_to_periphery.len(),
        })
    } else {
        JsonMemberPart::Listed(JsonMembers {
            added: names_of(&c.added),
            removed: names_of(&c.removed),
            changed: c
                .changed
                .iter()
                .map(|m| JsonChanged {
                    name: &m.member.name,
                    matched_by: m.matched_by,
                    fields: m
                        .fields
                        .iter()
                        .map(|f| {
                            let v = |x: &Value| serde_json::to_value(x).unwrap_or_default();
                            (
                                f.field.to_owned(),
                                serde_json::Value::Array(vec![v(&f.old), v(&f.new)]),
                            )
                        })
                        .collect(),
                })
                .collect(),
            moved_to_core: names_of(&c.moved_to_core),
            moved_to_periphery: names_of(&c.moved_to_periphery),
        })
    };
    let disciplines = c
        .disciplines
        .iter()
        .map(|d| {
            let both = c.comparable(d);
            let ch = |get: fn(&Side) -> Option<f64>| {
                Some(round(get(d.new.as_ref()?)? - get(d.old.as_ref()?)?))
            };
            let rounded = |s: &Side| {
                let mut j = JsonSide::from(s);
                j.team_fte = j.team_fte.map(round);
                j.core_share = j.core_share.map(round);
                j.mean_leave_days = j.mean_leave_days.map(round);
                j.mean_training_days = j.mean_training_days.map(round);
                j.mean_autonomy = j.mean_autonomy.map(round);
                j.median_salary = j.median_salary.map(round);
                j.mean_salary = j.mean_salary.map(round);
                j
            };
            JsonDiscipline {
                name: &d.name,
                old: d.old.as_ref().map(rounded),
                new: d.new.as_ref().map(rounded),
                change: both.then(|| JsonChange {
                    headcount: ch(|s| Some(s.headcount as f64)).map(|v| v.round() as i64),
                    team_fte: ch(|s| s.team_fte),
                    median_salary: ch(|s| s.median_salary),
                    mean_salary: ch(|s| s.mean_salary),
                    mean_leave_days: ch(|s| s.mean_leave_days),
                    mean_training_days: ch(|s| s.mean_training_days),
                    mean_autonomy: ch(|s| s.mean_autonomy),
                    core_share: ch(|s| s.core_share),
                }),
            }
        })
        .collect();
    let out = JsonComparison {
        old,
        new,
        names_hidden: c.names_hidden(),
        members,
        disciplines,
        findings: &c.findings,
        note: INDEX_NOTE,
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
