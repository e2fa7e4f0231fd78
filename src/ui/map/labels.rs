//! Where a member's label may go, and a grid that finds collisions between labels fast: pure
//! geometry, no painting.

use std::collections::HashMap;

use egui::{Color32, FontId, Pos2, Rect, Vec2};

use crate::model::MemberId;

/// A member's label: the forms it may take (longest first: name and discipline, name,
/// initials), the one chosen, and where.
pub(super) struct MemberLabel {
    pub(super) id: MemberId,
    pub(super) title: String,
    pub(super) discipline: String,
    pub(super) centre: Pos2,
    pub(super) r: f32,
    pub(super) forms: Vec<(String, String)>,
    pub(super) form: usize,
    pub(super) rect: Rect,
}

impl MemberLabel {
    /// A label for the node at `centre` (radius `r`) with the forms it may take: all three
    /// where every label must fit (`shortest`, the initials, given), else the full one
    /// alone.
    pub(super) fn new(
        id: MemberId,
        title: &str,
        discipline: &str,
        centre: Pos2,
        r: f32,
        shortest: Option<&str>,
    ) -> Self {
        let mut forms = vec![(title.to_owned(), discipline.to_owned())];
        if let Some(short) = shortest {
            forms.push((title.to_owned(), String::new()));
            forms.push((short.to_owned(), String::new()));
        }
        Self {
            id,
            title: title.to_owned(),
            discipline: discipline.to_owned(),
            centre,
            r,
            forms,
            form: 0,
            rect: Rect::NOTHING,
        }
    }
}

/// A crowded label's last resort: the initials of a name ("Dr Ben Osei" → "BO"), leaving
/// out titles; a numbered label keeps its number ("Member 12" → "M12").
pub(crate) fn initials(name: &str) -> String {
    if let Some((word, number)) = name.rsplit_once(' ') {
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            let first: String = word.chars().take(1).collect();
            return format!("{first}{number}");
        }
    }
    if name.chars().count() <= 4 {
        return name.to_owned();
    }
    let letters: String = counted_words(name)
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .take(3)
        .collect();
    if letters.is_empty() {
        name.to_owned()
    } else {
        letters
    }
}

/// The words of a name its initials are made from: words in brackets ("(seconded)") and
/// titles are left out.
fn counted_words(name: &str) -> impl Iterator<Item = &str> {
    const TITLES: [&str; 7] = ["Dr", "PC", "Mr", "Mrs", "Miss", "Ms", "Prof"];
    name.split_whitespace()
        .filter(|w| !w.starts_with('(') && !TITLES.contains(&w.trim_end_matches('.')))
}

/// Initials for each of `titles` such that two different titles never share them: where
/// they would ("Police officer" and "Probation officer" both "PO"), each takes more letters
/// of its first word (`PoO`, `PrO`) until they differ, or in the end the title itself.
pub(crate) fn distinct_initials<'a>(
    titles: impl IntoIterator<Item = &'a str>,
) -> HashMap<&'a str, String> {
    let mut out: HashMap<&'a str, String> = HashMap::new();
    for t in titles {
        out.entry(t).or_insert_with(|| initials(t));
    }
    for _ in 0..8 {
        let mut by: HashMap<&str, Vec<&'a str>> = HashMap::new();
        for (t, i) in &out {
            by.entry(i.as_str()).or_default().push(t);
        }
        let clashing: Vec<&'a str> = by
            .into_values()
            .filter(|ts| ts.len() > 1)
            .flatten()
            .collect();
        if clashing.is_empty() {
            break;
        }
        for t in clashing {
            let now = out.get(t).map_or(0, |i| i.chars().count());
            out.insert(t, longer(t, now));
        }
    }
    // Still the same after every lengthening (titles alike but for case or spaces): the
    // titles themselves.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for i in out.values() {
        *seen.entry(i.clone()).or_default() += 1;
    }
    for (t, i) in &mut out {
        if seen.get(i.as_str()).is_some_and(|n| *n > 1) {
            (*t).clone_into(i);
        }
    }
    out
}

/// The title's initials with one more letter of its first counted word than `now` gives
/// ("Police officer", 2 → `PoO`), or the title itself when that word has no more.
fn longer(title: &str, now: usize) -> String {
    let short = initials(title);
    let Some(first) = counted_words(title).next() else {
        return title.to_owned();
    };
    let letters = now.saturating_sub(short.chars().count()) + 2;
    if first.chars().count() < letters {
        return title.to_owned();
    }
    let head: String = first.chars().take(letters).collect();
    let rest: String = short.chars().skip(1).collect();
    format!("{}{rest}", crate::format::capitalised(&head))
}

/// A quick guess at where a full label below a node would stand, from its length in
/// characters: laying out text is the costly part of a crowded frame.
pub(super) fn label_estimate(
    centre: Pos2,
    r: f32,
    title: &str,
    discipline: &str,
    text_scale: f32,
) -> Rect {
    let chars = title.chars().count().max(discipline.chars().count()) as f32;
    Rect::from_min_size(
        centre + Vec2::new(0.0, r + 3.0) - Vec2::new(chars * 3.2, 0.0) * text_scale,
        Vec2::new(chars * 6.4, 28.0) * text_scale,
    )
}

/// The size of a label of one or two lines.
pub(super) fn label_size(
    painter: &egui::Painter,
    (line1, line2): &(String, String),
    font: &FontId,
    small: &FontId,
) -> Vec2 {
    let g1 = painter.layout_no_wrap(line1.clone(), font.clone(), Color32::WHITE);
    if line2.is_empty() {
        return g1.size();
    }
    let g2 = painter.layout_no_wrap(line2.clone(), small.clone(), Color32::WHITE);
    Vec2::new(g1.size().x.max(g2.size().x), g1.size().y + g2.size().y)
}

/// Where a label of `size` may go around a node at `centre` of radius `r`, in order of
/// preference: below, above, right, left, then the corners (where neighbours crowd in on
/// four sides, one of them is often still open). Only below where labels may give way.
pub(super) fn label_places(centre: Pos2, r: f32, size: Vec2, all: bool) -> Vec<Rect> {
    let d = r * std::f32::consts::FRAC_1_SQRT_2 + 2.0;
    let below = centre + Vec2::new(-size.x / 2.0, r + 3.0);
    let places = if all {
        vec![
            below,
            centre + Vec2::new(-size.x / 2.0, -r - 3.0 - size.y),
            centre + Vec2::new(r + 4.0, -size.y / 2.0),
            centre - Vec2::new(r + 4.0 + size.x, size.y / 2.0),
            centre + Vec2::new(d, d),
            centre + Vec2::new(-d - size.x, d),
            centre + Vec2::new(d, -d - size.y),
            centre + Vec2::new(-d - size.x, -d - size.y),
        ]
    } else {
        vec![below]
    };
    places
        .into_iter()
        .map(|at| Rect::from_min_size(at, size))
        .collect()
}

/// Places further from a node for a label that found none beside it: rings of sixteen
/// directions, each ring 10 points further out, nearest first.
pub(super) fn label_places_further(centre: Pos2, r: f32, size: Vec2) -> impl Iterator<Item = Rect> {
    (1..=6).flat_map(move |ring| {
        let distance = r + 8.0 + ring as f32 * 10.0;
        (0..16).map(move |k| {
            let angle = std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::TAU / 16.0;
            let dir = Vec2::angled(angle);
            let at = centre + dir * distance + Vec2::new(dir.x * size.x, dir.y * size.y) / 2.0;
            Rect::from_center_size(at, size)
        })
    })
}

/// Placed label rectangles, bucketed by screen area so checking a new label for overlap
/// looks only at its neighbours (a plain list is quadratic with thousands of members).
#[derive(Default)]
pub(super) struct LabelGrid {
    pub(super) cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl LabelGrid {
    const CELL: f32 = 128.0;

    fn cells_of(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (rect.min.x / Self::CELL).floor() as i32,
            (rect.max.x / Self::CELL).floor() as i32,
        );
        let (y0, y1) = (
            (rect.min.y / Self::CELL).floor() as i32,
            (rect.max.y / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    pub(super) fn overlaps(&self, rect: Rect) -> bool {
        Self::cells_of(rect).any(|c| {
            self.cells
                .get(&c)
                .is_some_and(|v| v.iter().any(|o| o.intersects(rect)))
        })
    }

    pub(super) fn insert(&mut self, rect: Rect) {
        for c in Self::cells_of(rect) {
            self.cells.entry(c).or_default().push(rect);
        }
    }

    pub(super) fn remove(&mut self, rect: Rect) {
        for c in Self::cells_of(rect) {
            if let Some(cell) = self.cells.get_mut(&c) {
                if let Some(k) = cell.iter().position(|o| *o == rect) {
                    cell.swap_remove(k);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect::from_min_max(Pos2::new(x0, y0), Pos2::new(x1, y1))
    }

    #[test]
    fn initials_never_give_two_professions_the_same_letters() {
        let titles = [
            "Police officer",
            "Probation officer",
            "Dr Ben Osei",
            "Police officer",
            "Youth worker",
        ];
        let short = distinct_initials(titles);
        assert_eq!(short["Police officer"], "PoO");
        assert_eq!(short["Probation officer"], "PrO");
        assert_eq!(short["Dr Ben Osei"], "BO");
        assert_eq!(short["Youth worker"], "YW");
        // Alike in their first letters further on: more letters still.
        let short = distinct_initials(["Prob officer", "Probation officer"]);
        assert_ne!(short["Prob officer"], short["Probation officer"]);
    }

    #[test]
    fn no_two_labels_in_a_sample_share_initials_names_shown_or_hidden() {
        use crate::model::families::GroupBy;
        for (i, (file, _)) in crate::samples::SAMPLES.iter().enumerate() {
            let team = crate::samples::load(i).unwrap();
            let room = crate::model::presentation::for_the_room(&team, 3, GroupBy::Discipline);
            for t in [&team, &room] {
                let titles: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
                let short = distinct_initials(titles.iter().copied());
                let mut whose: HashMap<&str, &str> = HashMap::new();
                for title in &titles {
                    let i = short[title].as_str();
                    let before = whose.insert(i, title);
                    assert!(
                        before.is_none_or(|b| b == *title),
                        "{file}: {title} and {before:?} are both {i}"
                    );
                }
            }
        }
        // The youth sample's police officer and probation officer, once both "PO".
        let team = crate::samples::load(0).unwrap();
        let room = crate::model::presentation::for_the_room(&team, 3, GroupBy::Discipline);
        let titles: Vec<&str> = room.members.iter().map(|m| m.name.as_str()).collect();
        let (police, probation) = ("Police officer (seconded)", "Probation officer (seconded)");
        assert_eq!(
            (initials(police), initials(probation)),
            ("PO".into(), "PO".into())
        );
        let short = distinct_initials(titles);
        assert_eq!(
            (short[police].as_str(), short[probation].as_str()),
            ("PoO", "PrO")
        );
    }

    #[test]
    fn initials_leave_out_titles_and_brackets_and_keep_numbers() {
        assert_eq!(initials("Dr Ben Osei"), "BO");
        assert_eq!(initials("Social worker (seconded)"), "SW");
        assert_eq!(initials("Member 12"), "M12");
        assert_eq!(initials("Ann"), "Ann");
        assert_eq!(initials("PC Mark Evans"), "ME");
    }

    #[test]
    fn a_label_goes_below_then_above_right_left_and_the_corners() {
        let centre = Pos2::new(100.0, 100.0);
        let size = Vec2::new(40.0, 20.0);
        // Where labels may give way, only below: 3 points under the node's edge.
        assert_eq!(
            label_places(centre, 10.0, size, false),
            vec![rect(80.0, 113.0, 120.0, 133.0)]
        );
        let all = label_places(centre, 10.0, size, true);
        assert_eq!(all.len(), 8);
        assert_eq!(all[0], rect(80.0, 113.0, 120.0, 133.0));
        assert_eq!(all[1], rect(80.0, 67.0, 120.0, 87.0));
        assert_eq!(all[2], rect(114.0, 90.0, 154.0, 110.0));
        assert_eq!(all[3], rect(46.0, 90.0, 86.0, 110.0));
        // The corners stand off by r/√2 + 2 = 9.07 on each axis.
        let d = 10.0 * std::f32::consts::FRAC_1_SQRT_2 + 2.0;
        assert_eq!(all[4].min, centre + Vec2::splat(d));
        assert_eq!(all[7].max, centre - Vec2::splat(d));
        // None of them covers the node: each stands at least its radius from the centre.
        assert!(
            all.iter().all(|r| r.distance_to_pos(centre) >= 10.0),
            "{all:?}"
        );
    }

    #[test]
    fn further_places_ring_out_from_below_nearest_first() {
        let centre = Pos2::new(100.0, 100.0);
        let size = Vec2::new(40.0, 20.0);
        let places: Vec<Rect> = label_places_further(centre, 10.0, size).collect();
        assert_eq!(places.len(), 6 * 16);
        // The first is straight below, 10 + 8 + 10 = 28 out, its near edge at that distance.
        let first = places[0];
        assert!((first.center().x - 100.0).abs() < 1e-3, "{first:?}");
        assert!((first.min.y - 128.0).abs() < 1e-3, "{first:?}");
        // Each ring of sixteen is 10 points further out than the last.
        let reach = |r: &Rect| r.center().distance(centre);
        for ring in 1..6 {
            assert!(reach(&places[ring * 16]) > reach(&places[ring * 16 - 16]));
        }
    }

    #[test]
    fn the_grid_finds_overlaps_across_cells_and_forgets_removed_labels() {
        let mut grid = LabelGrid::default();
        // Across the boundary at x = 128 and in negative coordinates alike.
        let across = rect(120.0, 10.0, 140.0, 20.0);
        let negative = rect(-300.0, -300.0, -250.0, -290.0);
        grid.insert(across);
        grid.insert(negative);
        assert!(grid.overlaps(rect(135.0, 15.0, 160.0, 30.0)));
        assert!(grid.overlaps(rect(100.0, 0.0, 125.0, 12.0)));
        assert!(grid.overlaps(rect(-260.0, -295.0, -200.0, -280.0)));
        assert!(!grid.overlaps(rect(141.0, 10.0, 160.0, 20.0)));
        assert!(!grid.overlaps(rect(-249.0, -300.0, -200.0, -290.0)));
        grid.remove(across);
        assert!(!grid.overlaps(rect(135.0, 15.0, 160.0, 30.0)));
        assert!(grid.overlaps(rect(-260.0, -295.0, -200.0, -280.0)));
    }
}
