//! Colours and node shapes shared by the map and the charts.

use egui::{Color32, Pos2, Shape, Stroke, Vec2};

use crate::model::Rgb;

/// Outline of highlighted members (from a chart or a finding): black-and-yellow reads on
/// both themes and is not one of the discipline colours' hues at full strength.
pub const HIGHLIGHT: Color32 = Color32::from_rgb(255, 200, 0);

pub fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

pub fn to_rgb(c: Color32) -> Rgb {
    Rgb(c.r(), c.g(), c.b())
}

/// The shape that marks a member's agency, so colour is never the only cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyShape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    Hexagon,
    TriangleDown,
}

impl AgencyShape {
    pub const ALL: [Self; 6] = [
        Self::Circle,
        Self::Square,
        Self::Diamond,
        Self::TriangleUp,
        Self::Hexagon,
        Self::TriangleDown,
    ];

    pub fn for_index(i: usize) -> Self {
        Self::ALL[i % Self::ALL.len()]
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Circle => "circle",
            Self::Square => "square",
            Self::Diamond => "diamond",
            Self::TriangleUp => "triangle",
            Self::Hexagon => "hexagon",
            Self::TriangleDown => "inverted triangle",
        }
    }

    /// The outline as points around `centre`, sized so shapes look equally big.
    pub fn points(self, centre: Pos2, r: f32) -> Vec<Pos2> {
        use std::f32::consts::{FRAC_PI_2, FRAC_PI_4};
        let polygon = |n: usize, start: f32, scale: f32| -> Vec<Pos2> {
            (0..n)
                .map(|k| {
                    let a = start + std::f32::consts::TAU * k as f32 / n as f32;
                    centre + Vec2::new(a.cos(), a.sin()) * r * scale
                })
                .collect()
        };
        match self {
            // Enough points to look round at this size, no more: thousands of nodes add up.
            Self::Circle => polygon((r * 1.2).clamp(8.0, 40.0) as usize, 0.0, 1.0),
            Self::Square => polygon(4, FRAC_PI_4, 1.15),
            Self::Diamond => polygon(4, 0.0, 1.25),
            Self::TriangleUp => polygon(3, -FRAC_PI_2, 1.35),
            Self::Hexagon => polygon(6, 0.0, 1.1),
            Self::TriangleDown => polygon(3, FRAC_PI_2, 1.35),
        }
    }
}

/// Draw a member's node; part-time or split posts get a dashed outline.
pub fn draw_node(
    painter: &egui::Painter,
    shape: AgencyShape,
    centre: Pos2,
    r: f32,
    fill: Color32,
    stroke: Stroke,
    dashed: bool,
) {
    let points = shape.points(centre, r);
    // Below a few pixels dashes cannot be seen; a thin outline keeps nodes apart.
    if r < 6.0 {
        painter.add(Shape::convex_polygon(
            points,
            fill,
            Stroke::new(0.5, stroke.color),
        ));
        return;
    }
    painter.add(Shape::convex_polygon(points.clone(), fill, Stroke::NONE));
    if dashed {
        let mut closed = points;
        if let Some(first) = closed.first().copied() {
            closed.push(first);
        }
        let dash = (r * 0.35).clamp(2.0, 6.0);
        painter.extend(Shape::dashed_line(&closed, stroke, dash, dash * 0.8));
    } else {
        painter.add(Shape::closed_line(points, stroke));
    }
}
