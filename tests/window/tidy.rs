//! The tidy layout: positions worked out from line management (model), and what the map
//! draws from them in a real frame (kittest): no two nodes overlapping, every member
//! labelled, no label over another label or a node.

use crate::common;
use crate::support;

use egui::Key;
use egui_kittest::kittest::NodeT as _;
use teamscape::model::placement::{tidy_positions, TIDY_COLUMN, TIDY_ROW};
use teamscape::model::{LineManager, Member, Team};

/// A manager, two reports, and one of them managing two more; one member with nobody.
///
/// ```text
///            A            (row 0)
///       B         C       (row 1): B a leaf, C manages D and E
///              D     E    (row 2)
///
///            F            (row 4: under the trees, after an empty row)
/// ```
/// Columns: B's leaf block is 1 wide, C's subtree 2 (D and E), so A spans 3 and sits at
/// 1.5; B at 0.5; C over D (1.5) and E (2.5) at 2.0. F alone in a grid as wide as the tree
/// allows (3 columns), but a grid of one is one column wide, centred: shift (3 − 1) / 2 = 1,
/// column 1.5. Width 3, rows 0–4, so x = (c − 1.5) × col and y = (r − 2) × row.
#[test]
fn a_small_tree_is_laid_out_as_worked_by_hand() {
    let mut team = common::sample("camhs");
    let template: Member = team.members[0].clone();
    team.members.clear();
    let add = |team: &mut Team, name: &str, manager: LineManager| {
        let id = teamscape::model::MemberId(team.members.len() as u32 + 1);
        let mut m = template.clone();
        m.id = id;
        name.clone_into(&mut m.name);
        m.line_manager = manager;
        team.members.push(m);
        id
    };
    let a = add(&mut team, "A", LineManager::NoManager);
    let _b = add(&mut team, "B", LineManager::Member(a));
    let c = add(&mut team, "C", LineManager::Member(a));
    add(&mut team, "D", LineManager::Member(c));
    add(&mut team, "E", LineManager::Member(c));
    add(&mut team, "F", LineManager::NoManager);
    let at: std::collections::HashMap<String, (f32, f32)> = tidy_positions(&team)
        .into_iter()
        .map(|(id, p)| (team.member(id).unwrap().name.clone(), (p.x, p.y)))
        .collect();
    let expect = |c: f32, r: f32| ((c - 1.5) * TIDY_COLUMN, (r - 2.0) * TIDY_ROW);
    assert_eq!(at["A"], expect(1.5, 0.0));
    assert_eq!(at["B"], expect(0.5, 1.0));
    assert_eq!(at["C"], expect(2.0, 1.0));
    assert_eq!(at["D"], expect(1.5, 2.0));
    assert_eq!(at["E"], expect(2.5, 2.0));
    assert_eq!(at["F"], expect(1.5, 4.0));
}

/// Every member placed once, and no two within a column across and a row down of each
/// other: nodes (at most 24 map units in radius) never touch.
fn assert_spaced(team: &Team) {
    let placed = tidy_positions(team);
    assert_eq!(placed.len(), team.members.len(), "{}", team.name);
    let mut ids: Vec<_> = placed.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        team.members.len(),
        "{}: someone placed twice",
        team.name
    );
    for (i, (_, p)) in placed.iter().enumerate() {
        for (_, q) in &placed[i + 1..] {
            let apart = (p.x - q.x).abs() >= TIDY_COLUMN * 0.3 - 1e-3
                || (p.y - q.y).abs() >= TIDY_ROW - 1e-3;
            assert!(apart, "{}: {p:?} and {q:?} too close", team.name);
        }
    }
}

#[test]
fn every_sample_and_a_generated_sixty_tidy_without_two_members_together() {
    for (_, team) in common::samples() {
        assert_spaced(&team);
    }
    let big = teamscape::model::generate::synthetic_team(60, 7);
    assert_spaced(&big);
}

#[test]
fn t_tidies_the_map_in_one_undo_step_and_every_member_is_labelled_without_overlaps() {
    let samples = samples_and_a_generated_sixty();
    for (name, mut team) in samples {
        // Piled up, as a team drawn in a hurry is: T spreads them out.
        for (k, m) in team.members.iter_mut().enumerate() {
            m.position = teamscape::model::Position {
                x: (k % 3) as f32 * 20.0,
                y: (k % 5) as f32 * 15.0,
            };
        }
        let before: Vec<_> = team.members.iter().map(|m| m.position).collect();
        let mut harness = support::harness_1440(team.clone());
        harness.key_press(Key::T);
        harness.run();
        let after: Vec<_> = harness
            .state()
            .document()
            .team()
            .members
            .iter()
            .map(|m| m.position)
            .collect();
        assert_ne!(before, after, "{name}: T tidies");
        assert_drawn_cleanly(&harness, name, "free map");
        // One undo step puts every position back.
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
        harness.run();
        let undone: Vec<_> = harness
            .state()
            .document()
            .team()
            .members
            .iter()
            .map(|m| m.position)
            .collect();
        assert_eq!(undone, before, "{name}");
    }
}

/// Core and periphery keep their radius and the ladder its height; both spread members
/// sideways until nothing overlaps, and every member is labelled.
#[test]
fn rings_and_ladder_draw_every_member_labelled_without_overlaps() {
    let samples = samples_and_a_generated_sixty();
    for (name, team) in samples {
        let mut harness = support::harness_1440(team);
        for (key, view) in [(Key::Num2, "rings"), (Key::Num3, "ladder")] {
            harness.key_press(key);
            // Past the animation between layouts (a frame is 1/60 s of egui's time).
            for _ in 0..30 {
                harness.step();
            }
            harness.run();
            assert_drawn_cleanly(&harness, name, view);
        }
    }
}

/// The five samples, and a generated team of 60: the sizes the map must label in full.
fn samples_and_a_generated_sixty() -> Vec<(&'static str, Team)> {
    common::samples()
        .into_iter()
        .chain([(
            "generated-60",
            teamscape::model::generate::synthetic_team(60, 7),
        )])
        .collect()
}

/// What the map drew in the harness's last frame, checked: every member a node on screen
/// and labelled, no two nodes overlapping, no label over another label or a node. Nodes
/// and labels come from the accessibility tree (their bounds are the drawn rectangles);
/// each member's label says "name, discipline".
fn assert_drawn_cleanly(
    harness: &egui_kittest::Harness<'_, teamscape::app::TeamscapeApp>,
    name: &str,
    view: &str,
) {
    let name = format!("{name} ({view})");
    let shown = harness.state().document().team();
    let expected: Vec<String> = shown
        .members
        .iter()
        .map(|m| {
            let d = shown
                .discipline(m.discipline)
                .map_or("", |d| d.name.as_str());
            format!("{}, {d}", m.name)
        })
        .collect();
    let mut nodes = Vec::new();
    let mut labels = Vec::new();
    for node in harness.root().children_recursive() {
        let n = node.accesskit_node();
        let Some(b) = n.bounding_box() else { continue };
        let rect = egui::Rect::from_min_max(
            egui::pos2(b.x0 as f32, b.y0 as f32),
            egui::pos2(b.x1 as f32, b.y1 as f32),
        );
        match n.role() {
            egui::Role::ListBoxOption => nodes.push(rect),
            egui::Role::Label if n.value().is_some_and(|v| expected.contains(&v)) => {
                labels.push((n.value().unwrap_or_default(), rect));
            }
            _ => {}
        }
    }
    let n = shown.members.len();
    assert_eq!(nodes.len(), n, "{name}: every member is a node on screen");
    assert_eq!(labels.len(), n, "{name}: every member is labelled");
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            assert!(
                !a.shrink(0.5).intersects(b.shrink(0.5)),
                "{name}: nodes {a:?} and {b:?} overlap"
            );
        }
        for (text, l) in &labels {
            assert!(
                !a.shrink(0.5).intersects(l.shrink(0.5)),
                "{name}: label “{text}” over a node"
            );
        }
    }
    for (i, (t1, a)) in labels.iter().enumerate() {
        for (t2, b) in &labels[i + 1..] {
            assert!(
                !a.shrink(0.5).intersects(b.shrink(0.5)),
                "{name}: labels “{t1}” and “{t2}” overlap"
            );
        }
    }
}
