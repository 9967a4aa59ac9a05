"""Altair charts: pure functions from frames to charts, each with a title, labelled axes and tooltips.

Widths follow the container, so a phone-width screen gets a narrow chart rather than a scrollbar.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

STATUS_COLOURS = alt.Scale(domain=["passed", "failed", "timeout", "error", "infra_error"],
                           range=["#2e7d32", "#c62828", "#ef6c00", "#6a1b9a", "#9e9e9e"])
PCT = alt.Axis(format="%", title="Expected pass rate")
RATE = alt.Scale(zero=False)  # not from zero: a few points of change must be visible on a 60% level


def pass_rate(ability: pd.DataFrame, changes: pd.DataFrame, title: str, start: pd.DataFrame | None = None,
              line: str = "median") -> alt.Chart:
    """A line (`line`: the median, or the sustained level) with 50% and 90% credible bands, observed daily
    rates sized by attempts, version rules, and (`start`: day, probability) where the current level most
    probably began."""
    base = alt.Chart(ability).encode(x=alt.X("day:T", title="Day"))
    tip = [alt.Tooltip("day:T", title="Day"), alt.Tooltip("median:Q", format=".1%", title="Expected pass rate"),
           alt.Tooltip("q05:Q", format=".1%", title="90% low"), alt.Tooltip("q95:Q", format=".1%", title="90% high"),
           alt.Tooltip("attempts:Q", title="Attempts")]
    band90 = base.mark_area(opacity=0.18).encode(y=alt.Y("q05:Q", axis=PCT, scale=RATE), y2="q95:Q")
    band50 = base.mark_area(opacity=0.35).encode(y=alt.Y("q25:Q", scale=RATE), y2="q75:Q")
    centre = base.mark_line(strokeWidth=2).encode(y=alt.Y(f"{line}:Q", scale=RATE), tooltip=tip)
    observed = base.transform_filter("datum.attempts > 0").mark_circle(color="#444", opacity=0.55).encode(
        y=alt.Y("observed:Q", scale=RATE),
        size=alt.Size("attempts:Q", title="Attempts that day", scale=alt.Scale(range=[10, 120])),
        tooltip=[alt.Tooltip("day:T", title="Day"), alt.Tooltip("observed:Q", format=".1%", title="Observed"),
                 alt.Tooltip("passed:Q", title="Passed"), alt.Tooltip("attempts:Q", title="Attempts")])
    layers = [band90, band50, centre, observed]
    if not changes.empty:
        layers.append(alt.Chart(changes).mark_rule(color="#d84315", strokeDash=[4, 3]).encode(
            x="day:T", tooltip=[alt.Tooltip("day:T", title="Changed on"), alt.Tooltip("label:N", title="Version")]))
    if start is not None and not start.empty:
        layers.append(alt.Chart(start).mark_rule(color="#1565c0", strokeWidth=2).encode(
            x="day:T", tooltip=[alt.Tooltip("day:T", title="Current level began"),
                                alt.Tooltip("probability:Q", format=".0%", title="Probability")]))
    return alt.layer(*layers).properties(title=title, height=320, width="container").configure_legend(
        orient="bottom")  # on a phone-width screen a side legend would squeeze the chart


def by_group(frame: pd.DataFrame, value: str, title: str, y_title: str) -> alt.Chart:
    """Small multiples, one panel per group; `frame` has day, group, `value` and optional q05/q95."""
    base = alt.Chart(frame).encode(x=alt.X("day:T", title="Day"))
    layers = []
    if "q05" in frame:
        layers.append(base.mark_area(opacity=0.25).encode(y="q05:Q", y2="q95:Q"))
    layers.append(base.mark_line().encode(
        y=alt.Y(f"{value}:Q", axis=alt.Axis(format="%", title=y_title)),
        tooltip=[alt.Tooltip("day:T", title="Day"), alt.Tooltip(f"{value}:Q", format=".1%", title=y_title)]))
    return alt.layer(*layers, data=frame).properties(height=160, width="container").facet(
        facet=alt.Facet("group:N", title=None), columns=2, title=title)


def difficulty(tasks: pd.DataFrame) -> alt.Chart:
    order = alt.Sort(field="mean", order="ascending")
    y = alt.Y("task:N", sort=order, title=None)
    interval = alt.Chart(tasks).mark_rule().encode(y=y, x=alt.X("q05:Q", title="Difficulty (logits; 0 = average)"),
                                                   x2="q95:Q")
    point = alt.Chart(tasks).mark_point(filled=True, size=60).encode(
        y=y, x="mean:Q", color=alt.Color("canary:N", title="Canary", scale=alt.Scale(range=["#1565c0", "#d84315"])),
        tooltip=["task", "language", "kind", alt.Tooltip("mean:Q", format=".2f", title="Difficulty"),
                 alt.Tooltip("passed:Q", title="Passed"), alt.Tooltip("attempts:Q", title="Attempts")])
    return (interval + point).properties(title="Task difficulty with 90% intervals (higher is harder)",
                                         height=max(200, 18 * len(tasks)), width="container")


def heatmap(attempts: pd.DataFrame) -> alt.Chart:
    return alt.Chart(attempts).mark_rect().encode(
        x=alt.X("yearmonthdate(day):O", title="Day", axis=alt.Axis(labelAngle=-60)),
        y=alt.Y("task:N", title=None),
        color=alt.Color("status:N", scale=STATUS_COLOURS, title="Status"),
        tooltip=[alt.Tooltip("day:T", title="Day"), "task", "status", "attempt_no"],
    ).properties(title="Status per task and day", width="container")


def daily(ops: pd.DataFrame, column: str, title: str, y_title: str) -> alt.Chart:
    return alt.Chart(ops).mark_bar().encode(
        x=alt.X("day:T", title="Day"), y=alt.Y(f"{column}:Q", title=y_title), color=alt.Color("agent:N", title="Agent"),
        tooltip=[alt.Tooltip("day:T", title="Day"), "agent", alt.Tooltip(f"{column}:Q", title=y_title, format=",.4~f")],
    ).properties(title=title, height=180, width="container")
