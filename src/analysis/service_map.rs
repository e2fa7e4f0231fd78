//! Where the service map puts each team and each person. Pure geometry from the portfolio
//! (no egui), cached by the app and tested like the analysis.
//!
//! Teams stand round a ring, each a cluster of the people who work only there: core at the
//! centre, the edge outside it, so a team's periphery is literally its rim. A person in
//! several teams is drawn once, inside the ring between their teams (at the mean of the
//! teams' centres weighted by their FTE in each), with a line to each team.

use std::collections::HashMap;

use crate::model::portfolio::Portfolio;
use crate::model::Position;

/// Map units between neighbours in a cluster's spiral.
pub const SPACING: f32 = 26.0;
/// Map units kept clear between two clusters on the ring, and round a shared person.
pub const GAP: f32 = 60.0;
/// How far a shared person's place is drawn from the ring towards the middle, so that two
/// neighbouring teams' person stands between them, not on their rims.
const INWARD: f32 = 0.7;
/// Two shared people closer than this are moved apart.
const CLEARANCE: f32 = 30.0;
/// The golden angle, which spreads a spiral's points evenly.
const GOLDEN_ANGLE: f32 = 2.399_963;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceMap {
    /// In the portfolio's order of teams.
    pub teams: Vec<Cluster>,
    /// Everyone with a post, each once.
    pub people: Vec<Placed>,
}

/// A team: its place and the circle its own people fill.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub name: String,
    pub centre: Position,
    /// Reaches past its outermost own person by half a spacing.
    pub radius: f32,
}

/// A person and their posts.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Their index in `Portfolio::people`.
    pub person: usize,
    pub at: Position,
    pub posts: Vec<PlacedPost>,
}

impl Placed {
    pub fn is_shared(&self) -> bool {
        self.posts.len() > 1
    }

    pub fn total_fte(&self) -> f64 {
        self.posts.iter().map(|p| p.fte).sum()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedPost {
    /// Its index in `ServiceMap::teams`.
    pub team: usize,
    pub fte: f64,
    /// Core in that team (the team's explicit mark, or the threshold reached).
    pub core: bool,
}

/// The map of a portfolio. Posts naming a person or team the portfolio does not hold are
/// left out (a portfolio that passes `check` has none).
pub fn place(p: &Portfolio) -> ServiceMap {
    let team_index: HashMap<&str, usize> = p
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let person_index = p.person_index();
    // Each person's posts, in the order of the portfolio's posts.
    let mut posts_of: Vec<Vec<PlacedPost>> = vec![Vec::new(); p.people.len()];
    for post in &p.posts {
        let (Some(&person), Some(&team)) = (
            person_index.get(post.person.as_str()),
            team_index.get(post.team.as_str()),
        ) else {
            continue;
        };
        let threshold = p.teams[team].core_threshold;
        posts_of[person].push(PlacedPost {
            team,
            fte: post.fte,
            core: post.is_core(threshold),
        });
    }

    // Each team's own people (in no other team): core first, the most time first, then by
    // name, so the spiral puts the core in the middle and the edge on the rim.
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); p.teams.len()];
    for (person, posts) in posts_of.iter().enumerate() {
        if let [only] = posts.as_slice() {
            own[only.team].push(person);
        }
    }
    for members in &mut own {
        members.sort_by(|&a, &b| {
            let (pa, pb) = (posts_of[a][0], posts_of[b][0]);
            pb.core
                .cmp(&pa.core)
                .then(pb.fte.total_cmp(&pa.fte))
                .then_with(|| p.people[a].name.cmp(&p.people[b].name))
        });
    }
    let radii: Vec<f32> = own
        .iter()
        .map(|m| spiral_radius(m.len()) + SPACING * 0.5)
        .collect();
    let centres = ring(&radii);

    let mut people: Vec<Placed> = Vec::with_capacity(p.people.len());
    for (team, members) in own.iter().enumerate() {
        for (k, &person) in members.iter().enumerate() {
            let offset = spiral(k);
            people.push(Placed {
                person,
                at: Position {
                    x: centres[team].x + offset.x,
                    y: centres[team].y + offset.y,
                },
                posts: posts_of[person].clone(),
            });
        }
    }

    // Shared people, the most teams first so the widest-spread sit nearest their mean.
    let mut shared: Vec<usize> = (0..p.people.len())
        .filter(|&i| posts_of[i].len() > 1)
        .collect();
    shared.sort_by(|&a, &b| {
        posts_of[b]
            .len()
            .cmp(&posts_of[a].len())
            .then_with(|| p.people[a].name.cmp(&p.people[b].name))
    });
    let mut taken = Grid::default();
    for person in shared {
        let posts = &posts_of[person];
        let weight: f64 = posts.iter().map(|q| q.fte.max(0.01)).sum();
        let (mut x, mut y) = (0.0_f32, 0.0_f32);
        for q in posts {
            let w = (q.fte.max(0.01) / weight) as f32;
            x += centres[q.team].x * w;
            y += centres[q.team].y * w;
        }
        let wanted = Position {
            x: x * INWARD,
            y: y * INWARD,
        };
        let at = taken.free_near(wanted);
        taken.insert(at);
        people.push(Placed {
            person,
            at,
            posts: posts.clone(),
        });
    }

    ServiceMap {
        teams: p
            .teams
            .iter()
            .zip(centres)
            .zip(radii)
            .map(|((t, centre), radius)| Cluster {
                name: t.name.clone(),
                centre,
                radius,
            })
            .collect(),
        people,
    }
}

/// The k-th point of a sunflower spiral about the origin.
fn spiral(k: usize) -> Position {
    let r = SPACING * (k as f32 + 0.5).sqrt();
    let angle = k as f32 * GOLDEN_ANGLE;
    Position {
        x: r * angle.cos(),
        y: r * angle.sin(),
    }
}

/// The radius a spiral of `n` points reaches.
fn spiral_radius(n: usize) -> f32 {
    if n == 0 {
        0.0
    } else {
        SPACING * (n as f32 - 0.5).sqrt()
    }
}

/// Centres for clusters of these radii round a ring, each given an arc as wide as itself
/// and a gap, starting at the top and going clockwise. One team stands at the origin.
fn ring(radii: &[f32]) -> Vec<Position> {
    if radii.len() < 2 {
        return vec![Position { x: 0.0, y: 0.0 }; radii.len()];
    }
    let widths: Vec<f32> = radii.iter().map(|r| 2.0 * r + GAP).collect();
    let circumference: f32 = widths.iter().sum();
    // Two clusters on a ring of a circumference their widths fill would face each other
    // across a tiny circle: keep the ring at least as wide as the two largest.
    let largest = radii.iter().copied().fold(0.0_f32, f32::max);
    let radius = (circumference / std::f32::consts::TAU).max(largest * 2.0 + GAP);
    let mut along = 0.0_f32;
    widths
        .iter()
        .map(|w| {
            let angle = (along + w / 2.0) / circumference * std::f32::consts::TAU
                - std::f32::consts::FRAC_PI_2;
            along += w;
            Position {
                x: radius * angle.cos(),
                y: radius * angle.sin(),
            }
        })
        .collect()
}

/// Shared people placed so far, bucketed by cell so a new one checks only its neighbours.
#[derive(Default)]
struct Grid {
    cells: HashMap<(i32, i32), Vec<Position>>,
}

impl Grid {
    fn cell(at: Position) -> (i32, i32) {
        (
            (at.x / CLEARANCE).floor() as i32,
            (at.y / CLEARANCE).floor() as i32,
        )
    }

    fn is_free(&self, at: Position) -> bool {
        let (cx, cy) = Self::cell(at);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(points) = self.cells.get(&(cx + dx, cy + dy)) {
                    if points
                        .iter()
                        .any(|q| (q.x - at.x).hypot(q.y - at.y) < CLEARANCE)
                    {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// The wanted place, or the nearest free point of a spiral round it.
    fn free_near(&self, wanted: Position) -> Position {
        // Each step of the spiral is about one clearance further out, so a million steps
        // reach past any crowd a portfolio can hold.
        (0..1_000_000)
            .map(|k: usize| {
                if k == 0 {
                    return wanted;
                }
                let step = spiral(k);
                let scale = CLEARANCE / SPACING;
                Position {
                    x: wanted.x + step.x * scale,
                    y: wanted.y + step.y * scale,
                }
            })
            .find(|&at| self.is_free(at))
            .unwrap_or(wanted)
    }

    fn insert(&mut self, at: Position) {
        self.cells.entry(Self::cell(at)).or_default().push(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::portfolio::{Person, Post, ServiceTeam};

    fn person(id: &str, name: &str) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            discipline: "Nurse".into(),
            agency: "NHS".into(),
            fte: None,
            salary: None,
            leave_days: None,
            training_days: None,
            years_of_service: None,
        }
    }

    fn post(person: &str, team: &str, fte: f64) -> Post {
        Post {
            person: person.into(),
            team: team.into(),
            fte,
            line_manager: None,
            record: None,
        }
    }

    fn team(name: &str) -> ServiceTeam {
        ServiceTeam {
            name: name.into(),
            core_threshold: 0.5,
            settings: None,
        }
    }

    fn distance(a: Position, b: Position) -> f32 {
        (a.x - b.x).hypot(a.y - b.y)
    }

    /// Three teams of four, and one person in two of them.
    fn service() -> Portfolio {
        let mut p = Portfolio {
            name: "S".into(),
            teams: vec![team("A"), team("B"), team("C")],
            ..Portfolio::default()
        };
        for t in ["A", "B", "C"] {
            for k in 0..4 {
                let id = format!("{t}{k}");
                p.people.push(person(&id, &id));
                // One part-timer per team, on its edge.
                p.posts.push(post(&id, t, if k == 3 { 0.2 } else { 1.0 }));
            }
        }
        p.people.push(person("x", "Shared"));
        p.posts.push(post("x", "A", 0.4));
        p.posts.push(post("x", "B", 0.4));
        p
    }

    #[test]
    fn everyone_is_drawn_once_with_each_of_their_posts() {
        let map = place(&service());
        assert_eq!(map.people.len(), 13);
        let mut seen: Vec<usize> = map.people.iter().map(|p| p.person).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 13);
        let shared: Vec<&Placed> = map.people.iter().filter(|p| p.is_shared()).collect();
        assert_eq!(shared.len(), 1);
        assert_eq!(shared[0].posts.len(), 2);
        assert!(shared[0].posts.iter().all(|q| !q.core), "0.4 is under 0.5");
        assert!((shared[0].total_fte() - 0.8).abs() < 1e-9);
    }

    #[test]
    fn own_people_stand_in_their_cluster_with_the_edge_outside_the_core() {
        let p = service();
        let map = place(&p);
        for placed in map.people.iter().filter(|p| !p.is_shared()) {
            let cluster = &map.teams[placed.posts[0].team];
            let d = distance(placed.at, cluster.centre);
            assert!(d < cluster.radius, "{} is outside its team", placed.person);
        }
        // In team A the part-timer (A3) is further out than every full-timer.
        let from_a = |name: &str| {
            let i = p.people.iter().position(|x| x.name == name).unwrap();
            let placed = map.people.iter().find(|x| x.person == i).unwrap();
            distance(placed.at, map.teams[0].centre)
        };
        for core in ["A0", "A1", "A2"] {
            assert!(from_a("A3") > from_a(core));
        }
    }

    #[test]
    fn clusters_do_not_overlap_and_a_shared_person_stands_between_their_teams() {
        let map = place(&service());
        for (i, a) in map.teams.iter().enumerate() {
            for b in &map.teams[i + 1..] {
                assert!(distance(a.centre, b.centre) >= a.radius + b.radius + GAP * 0.9);
            }
        }
        let shared = map.people.iter().find(|p| p.is_shared()).unwrap();
        let (a, b, c) = (&map.teams[0], &map.teams[1], &map.teams[2]);
        // Nearer to both of its teams than the team it is not in is to either.
        assert!(distance(shared.at, a.centre) < distance(a.centre, b.centre));
        assert!(distance(shared.at, b.centre) < distance(a.centre, b.centre));
        assert!(distance(shared.at, c.centre) > distance(shared.at, a.centre));
        // And outside every cluster.
        for t in &map.teams {
            assert!(distance(shared.at, t.centre) > t.radius);
        }
    }

    #[test]
    fn shared_people_with_the_same_teams_are_moved_apart() {
        let mut p = service();
        for k in 0..5 {
            let id = format!("y{k}");
            p.people.push(person(&id, &id));
            p.posts.push(post(&id, "A", 0.3));
            p.posts.push(post(&id, "B", 0.3));
        }
        let map = place(&p);
        let shared: Vec<Position> = map
            .people
            .iter()
            .filter(|x| x.is_shared())
            .map(|x| x.at)
            .collect();
        assert_eq!(shared.len(), 6);
        for (i, a) in shared.iter().enumerate() {
            for b in &shared[i + 1..] {
                assert!(distance(*a, *b) >= CLEARANCE - 1e-3);
            }
        }
    }

    #[test]
    fn a_post_naming_no_team_is_left_out() {
        let mut p = service();
        p.posts.push(post("A0", "Nowhere", 0.5));
        let map = place(&p);
        assert_eq!(map.people.len(), 13);
    }
}
