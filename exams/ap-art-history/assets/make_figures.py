"""Draw the original figures of the AP Art History practice pack.

Every image is an invented composition or diagram, not a reproduction of a real work.
Run from anywhere: ``python exams/ap-art-history/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, Polygon, Rectangle, Wedge  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _canvas(w: float, h: float, xlim: tuple[float, float], ylim: tuple[float, float]):
    fig, ax = plt.subplots(figsize=(w, h), dpi=100)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


def basilica_plan() -> None:
    """A cross-shaped church plan with numbered zones (1 apse, 2 crossing, 3 entrance porch)."""
    fig, ax = _canvas(4.2, 5.6, (-6, 6), (-1, 17))
    wall = {"fill": False, "lw": 2.2, "ec": INK}
    ax.add_patch(Rectangle((-3, 1.5), 6, 9, **wall))  # nave and aisles
    ax.add_patch(Rectangle((-5.5, 10.5), 11, 3, **wall))  # transept arm
    ax.add_patch(Rectangle((-1.5, 13.5), 3, 1.0, **wall))  # choir bay
    ax.add_patch(Wedge((0, 14.5), 1.5, 0, 180, fill=False, lw=2.2, ec=INK))  # apse
    ax.add_patch(Rectangle((-3, 0), 6, 1.5, **wall))  # entrance porch
    for y in np.arange(2.3, 10.5, 1.0):
        for x in (-1.5, 1.5):
            ax.add_patch(Circle((x, y), 0.16, color=INK))
    for x, y in ((-1.5, 10.5), (1.5, 10.5), (-1.5, 13.5), (1.5, 13.5)):
        ax.add_patch(Rectangle((x - 0.25, y - 0.25), 0.5, 0.5, color=INK))
    for label, (x, y) in {"1": (0, 14.9), "2": (0, 12.0), "3": (0, 0.75)}.items():
        ax.text(x, y, label, ha="center", va="center", fontsize=13, weight="bold",
                bbox={"boxstyle": "circle", "fc": "white", "ec": INK})
    ax.annotate("", xy=(4.8, 16.3), xytext=(4.8, 14.8),
                arrowprops={"arrowstyle": "->", "lw": 1.5, "color": INK})
    ax.text(4.8, 16.6, "E", ha="center", fontsize=10)
    _save(fig, "plan_cross_church.png")


def mosque_plan() -> None:
    """A walled plan: a hall full of supports, an open court with a basin, a niche marked X."""
    fig, ax = _canvas(4.6, 5.0, (-0.5, 12.5), (-1.5, 13))
    ax.add_patch(Rectangle((0, 0), 12, 12, fill=False, lw=2.2, ec=INK))
    ax.add_patch(Rectangle((0, 6), 12, 6, fc="#e9e2cf", ec="none"))
    for x in np.arange(0.75, 12, 1.0):
        for y in np.arange(6.6, 11.6, 0.9):
            ax.add_patch(Circle((x, y), 0.12, color=INK))
    for x in np.arange(0.75, 12, 1.0):
        ax.add_patch(Circle((x, 0.6), 0.12, color=INK))
    for y in np.arange(1.5, 6, 0.9):
        ax.add_patch(Circle((0.6, y), 0.12, color=INK))
        ax.add_patch(Circle((11.4, y), 0.12, color=INK))
    ax.add_patch(Rectangle((5.5, 2.9), 1, 1, fc="#9cc3d5", ec=INK))
    ax.add_patch(Wedge((6, 12), 0.6, 0, 180, fc="white", ec=INK, lw=2))
    ax.text(6, 12.95, "X", ha="center", va="center", fontsize=12, weight="bold")
    ax.add_patch(Rectangle((-0.4, -0.4), 1.0, 1.0, fc="#bbbbbb", ec=INK))
    ax.add_patch(Rectangle((5.3, -0.1), 1.4, 0.2, fc="white", ec="white"))
    ax.text(6, -0.9, "entrance", ha="center", fontsize=8)
    _save(fig, "plan_courtyard_hall.png")


def perspective_scene() -> None:
    """An invented painted piazza whose floor lines converge on the central figure's head."""
    fig, ax = _canvas(5.2, 4.0, (0, 13), (0, 10))
    vx, vy = 6.5, 5.2
    ax.add_patch(Rectangle((0, 0), 13, 10, fc="#b9d3e8", ec="none"))
    ax.add_patch(Polygon([(0, 0), (13, 0), (13, 3.8), (0, 3.8)], fc="#d9c7a3", ec="none"))
    for x0 in np.linspace(-6, 19, 14):
        t = (3.8 - 0) / (vy - 0)
        ax.plot([x0, x0 + (vx - x0) * t], [0, 3.8], color="#7a6545", lw=0.9)
    for y in (0.5, 1.15, 1.9, 2.7, 3.35):
        ax.plot([0, 13], [y, y], color="#7a6545", lw=0.9)
    # side colonnades receding toward the same point
    for side in (-1, 1):
        xo = 6.5 + side * 6.5
        xi = 6.5 + side * 3.2
        top_o, top_i = 8.8, vy + (8.8 - vy) * (3.2 / 6.5)
        ax.add_patch(Polygon([(xo, 0.0), (xi, 3.8), (xi, top_i), (xo, top_o)],
                             fc="#e8dcc4", ec=INK, lw=1, zorder=3))
        for k in np.linspace(0, 1, 6):
            x = xo + (xi - xo) * k
            yb = 0.0 + (3.8 - 0.0) * k
            yt = top_o + (top_i - top_o) * k
            ax.plot([x, x], [yb, yt], color="#8c7b5e", lw=2 - 1.2 * k, zorder=4)
    ax.add_patch(Rectangle((5.2, 3.8), 2.6, 3.6, fc="#efe6d2", ec=INK, lw=1, zorder=3))
    ax.add_patch(Polygon([(5.0, 7.4), (8.0, 7.4), (6.5, 8.5)], fc="#efe6d2", ec=INK, lw=1,
                         zorder=3))
    ax.add_patch(Rectangle((6.1, 3.8), 0.8, 1.4, fc="#5b4a36", ec=INK, zorder=3))
    # figures: a central standing figure whose head sits on the vanishing point
    ax.add_patch(Polygon([(6.1, 3.2), (6.9, 3.2), (6.65, 4.9), (6.35, 4.9)], fc="#b03a2e",
                         zorder=5))
    ax.add_patch(Circle((vx, vy), 0.28, fc="#e0b48a", ec=INK, lw=0.6, zorder=5))
    for x, c in ((3.2, "#2f5d8a"), (4.3, "#3f7a4f"), (8.7, "#7a4f8a"), (9.8, "#c28a2c")):
        ax.add_patch(Polygon([(x - 0.35, 1.6), (x + 0.35, 1.6), (x + 0.2, 3.2), (x - 0.2, 3.2)],
                             fc=c, zorder=5))
        ax.add_patch(Circle((x, 3.45), 0.25, fc="#e0b48a", ec=INK, lw=0.6, zorder=5))
    _save(fig, "painted_piazza.png")


def hierarchic_panel() -> None:
    """An invented devotional panel: one large enthroned figure, small flanking figures."""
    fig, ax = _canvas(4.0, 5.0, (0, 8), (0, 10))
    ax.add_patch(Rectangle((0, 0), 8, 10, fc="#d4af37", ec=INK, lw=3))
    ax.add_patch(Rectangle((2.3, 1.0), 3.4, 5.0, fc="#8b5a2b", ec=INK))  # throne
    ax.add_patch(Polygon([(2.6, 1.2), (5.4, 1.2), (4.7, 6.4), (3.3, 6.4)], fc="#1f3f7a"))
    ax.add_patch(Circle((4, 7.1), 1.0, fc="#f3de8a", ec=INK))  # halo
    ax.add_patch(Circle((4, 7.1), 0.6, fc="#d9a877", ec=INK))
    for x in (0.9, 7.1):
        for y in (1.5, 3.3, 5.1, 7.0):
            ax.add_patch(Polygon([(x - 0.35, y - 1.0), (x + 0.35, y - 1.0), (x + 0.2, y),
                                  (x - 0.2, y)], fc="#7a2a2a"))
            ax.add_patch(Circle((x, y + 0.3), 0.3, fc="#f3de8a", ec=INK, lw=0.6))
            ax.add_patch(Circle((x, y + 0.3), 0.18, fc="#d9a877", ec=INK, lw=0.4))
    _save(fig, "gold_panel.png")


def grid_composition() -> None:
    """An invented abstract composition of black lines and rectangles of primary colour."""
    fig, ax = _canvas(4.0, 4.0, (0, 10), (0, 10))
    ax.add_patch(Rectangle((0, 0), 10, 10, fc="#f6f4ee", ec=INK, lw=1))
    ax.add_patch(Rectangle((5.6, 5.4), 4.4, 3.2, fc="#1d3f9a"))
    ax.add_patch(Rectangle((0, 0), 1.8, 3.6, fc="#c8201e"))
    ax.add_patch(Rectangle((1.8, 7.4), 2.2, 2.6, fc="#f2cc1b"))
    ax.add_patch(Rectangle((4.0, 0), 1.6, 1.2, fc="#111111"))
    lines = [((1.8, 0), (1.8, 10)), ((5.6, 0), (5.6, 10)), ((0, 3.6), (5.6, 3.6)),
             ((1.8, 7.4), (5.6, 7.4)), ((5.6, 5.4), (10, 5.4)), ((5.6, 8.6), (10, 8.6)),
             ((4.0, 7.4), (4.0, 10)), ((1.8, 1.2), (5.6, 1.2)), ((4.0, 0), (4.0, 1.2)),
             ((8.3, 0), (8.3, 5.4))]
    for (x0, y0), (x1, y1) in lines:
        ax.plot([x0, x1], [y0, y1], color="#111111", lw=6, solid_capstyle="butt")
    _save(fig, "primary_grid.png")


def temple_front() -> None:
    """Elevation of an invented temple front: stepped base, six fluted columns, pediment."""
    fig, ax = _canvas(5.0, 3.6, (-1, 15), (-0.5, 10.5))
    for i, w in enumerate((14, 13.4, 12.8)):
        ax.add_patch(Rectangle(((14 - w) / 2, i * 0.5), w, 0.5, fc="#e8e2d4", ec=INK))
    xs = np.linspace(1.6, 12.4, 6)
    for x in xs:
        ax.add_patch(Polygon([(x - 0.6, 1.5), (x + 0.6, 1.5), (x + 0.48, 6.0), (x - 0.48, 6.0)],
                             fc="#f1ece0", ec=INK))
        for dx in np.linspace(-0.4, 0.4, 5):
            ax.plot([x + dx, x + dx * 0.8], [1.5, 6.0], color="#9a927f", lw=0.6)
        ax.add_patch(Polygon([(x - 0.48, 6.0), (x + 0.48, 6.0), (x + 0.75, 6.35),
                              (x - 0.75, 6.35)], fc="#f1ece0", ec=INK))  # plain cushion
        ax.add_patch(Rectangle((x - 0.8, 6.35), 1.6, 0.25, fc="#f1ece0", ec=INK))  # square slab
    ax.add_patch(Rectangle((0.6, 6.6), 12.8, 0.8, fc="#ebe4d3", ec=INK))  # architrave
    ax.add_patch(Rectangle((0.6, 7.4), 12.8, 0.9, fc="#ebe4d3", ec=INK))  # frieze band
    for k in range(11):
        x = 0.6 + k * 12.8 / 10.6
        if x + 0.5 > 13.4:
            break
        ax.add_patch(Rectangle((x, 7.4), 0.5, 0.9, fc="#b7ad96", ec=INK, lw=0.6))
        for g in (0.17, 0.33):
            ax.plot([x + g, x + g], [7.45, 8.25], color=INK, lw=0.6)
    ax.add_patch(Polygon([(0.3, 8.3), (13.7, 8.3), (7, 10.2)], fc="#e8e2d4", ec=INK))
    _save(fig, "temple_front.png")


def mound_shrine() -> None:
    """Elevation of an invented solid hemispherical shrine with railing, gate and parasols."""
    fig, ax = _canvas(5.0, 4.0, (-8, 8), (-0.5, 10.5))
    ax.add_patch(Rectangle((-6, 0), 12, 1.2, fc="#d8c7a8", ec=INK))  # drum
    ax.add_patch(Wedge((0, 1.2), 5.2, 0, 180, fc="#e4d6ba", ec=INK))  # dome
    ax.plot([-6.2, 6.2], [1.6, 1.6], color=INK, lw=0.8)  # upper walkway line
    ax.add_patch(Rectangle((-1.0, 6.4), 2.0, 0.9, fc="#cdb894", ec=INK))  # square railing
    for x in np.linspace(-0.8, 0.8, 5):
        ax.plot([x, x], [6.4, 7.3], color=INK, lw=0.6)
    ax.plot([0, 0], [7.3, 9.8], color=INK, lw=1.5)
    for y, w in ((8.1, 1.6), (8.9, 1.2), (9.6, 0.8)):
        ax.add_patch(Polygon([(-w / 2, y), (w / 2, y), (0, y + 0.3)], fc="#b79b6b", ec=INK))
    for x in np.linspace(-7.5, 7.5, 31):
        ax.plot([x, x], [0, 1.0], color="#6e5a3a", lw=1.2)  # ground railing posts
    for y in (0.3, 0.65, 1.0):
        ax.plot([-7.5, 7.5], [y, y], color="#6e5a3a", lw=1.2)
    ax.add_patch(Rectangle((-1.3, 0), 0.3, 3.2, fc="#a58a5f", ec=INK))  # gateway posts
    ax.add_patch(Rectangle((1.0, 0), 0.3, 3.2, fc="#a58a5f", ec=INK))
    for y in (2.3, 2.75, 3.2):
        ax.add_patch(Rectangle((-1.9, y), 3.8, 0.25, fc="#a58a5f", ec=INK))
    _save(fig, "mound_shrine.png")


def standing_pose() -> None:
    """A diagram of a standing figure with the hip and shoulder axes drawn as dashed lines."""
    fig, ax = _canvas(3.2, 5.0, (-3, 3), (0, 10))
    head = Circle((0.15, 9.0), 0.6, fill=False, lw=2, ec=INK)
    ax.add_patch(head)
    # weight on the figure's right-hand (viewer's right) leg: that hip rises, that shoulder drops
    shoulders = ((-1.3, 7.95), (1.5, 7.55))
    hips = ((-0.9, 4.55), (1.1, 5.05))
    ax.plot(*zip(*shoulders, strict=False), color=INK, lw=2.5)
    ax.plot(*zip(*hips, strict=False), color=INK, lw=2.5)
    ax.plot([0.15, 0.1], [8.4, 4.8], color=INK, lw=2.5)  # torso
    ax.plot([1.1, 0.9, 0.95], [5.05, 2.6, 0.3], color=INK, lw=2.5)  # straight leg
    ax.plot([-0.9, -0.6, -1.5], [4.55, 2.6, 0.9], color=INK, lw=2.2)  # bent, relaxed leg
    ax.plot([-1.3, -1.7, -1.5], [7.95, 6.3, 5.0], color=INK, lw=2.2)
    ax.plot([1.5, 1.9, 1.2], [7.55, 5.8, 4.9], color=INK, lw=2.2)
    for (x0, y0), (x1, y1) in (shoulders, hips):
        dx, dy = x1 - x0, y1 - y0
        ax.plot([x0 - dx * 0.35, x1 + dx * 0.35], [y0 - dy * 0.35, y1 + dy * 0.35],
                color="#c0392b", lw=1.2, ls="--")
    ax.plot([-2.6, 2.6], [0.3, 0.3], color="#777777", lw=1)
    _save(fig, "standing_pose.png")


def tessera_figure() -> None:
    """An invented image built of small square tesserae: a frontal figure on a gold ground."""
    rng = np.random.default_rng(7)
    h, w = 56, 40
    img = np.zeros((h, w, 3))
    gold = np.array([0.83, 0.68, 0.22])
    img[:] = gold
    img += rng.normal(0, 0.05, img.shape)
    yy, xx = np.mgrid[0:h, 0:w]
    halo = (xx - 20) ** 2 + (yy - 12) ** 2 <= 64
    img[halo] = np.array([0.95, 0.88, 0.55]) + rng.normal(0, 0.03, (halo.sum(), 3))
    face = ((xx - 20) / 4.2) ** 2 + ((yy - 12) / 5.2) ** 2 <= 1
    img[face] = np.array([0.86, 0.70, 0.56]) + rng.normal(0, 0.02, (face.sum(), 3))
    ring = (((xx - 20) ** 2 + (yy - 12) ** 2 > 49) & halo)
    img[ring] = np.array([0.55, 0.12, 0.12])
    robe = (yy >= 18) & (yy <= 53) & (np.abs(xx - 20) <= 3 + (yy - 18) * 0.28)
    img[robe] = np.array([0.12, 0.18, 0.45]) + rng.normal(0, 0.03, (robe.sum(), 3))
    band = robe & (np.abs(xx - 20) <= 1)
    img[band] = np.array([0.95, 0.85, 0.45])
    for ey in (11,):
        img[ey, 18] = img[ey, 22] = np.array([0.1, 0.08, 0.05])
    img[15, 19:22] = np.array([0.5, 0.2, 0.2])
    book = (yy >= 26) & (yy <= 31) & (xx >= 23) & (xx <= 27)
    img[book] = np.array([0.70, 0.10, 0.12])
    img[book & ((xx == 25) | (yy == 28))] = np.array([0.95, 0.85, 0.45])
    hand = ((xx - 15) ** 2 + (yy - 25) ** 2) <= 2.5
    img[hand] = np.array([0.86, 0.70, 0.56])
    img = np.clip(img, 0, 1)
    fig, ax = plt.subplots(figsize=(3.6, 5.0), dpi=100)
    ax.set_facecolor("#f4f1e8")
    for y in range(h):
        for x in range(w):
            ax.add_patch(Rectangle((x + 0.08, h - y + 0.08), 0.84, 0.84, fc=img[y, x], lw=0))
    ax.set_xlim(0, w)
    ax.set_ylim(1, h + 1)
    ax.set_aspect("equal")
    ax.axis("off")
    _save(fig, "tessera_figure.png")


def main() -> None:
    basilica_plan()
    mosque_plan()
    perspective_scene()
    hierarchic_panel()
    grid_composition()
    temple_front()
    mound_shrine()
    standing_pose()
    tessera_figure()


if __name__ == "__main__":
    main()
