"""Overview: per agent, how likely it is that it got worse, and the pass rate over time."""

import pandas as pd
import streamlit as st

from dashboard import charts, data
from dashboard.common import STATUS_BADGE, WINDOW_WORDS, in_range, open_page, plain


def alarm_status(alarm) -> None:
    """The status: the sequential alarm on the agent's overall stream, and any group stream it flags."""
    if "all" not in alarm.index:
        st.info("No alarm yet: the sequential alarm needs a baseline of at least two days with runs.")
        return
    a = alarm.loc["all"]
    label, colour = STATUS_BADGE[a["status"]]
    st.badge(f"Status: {label}", color=colour)
    change = (f" The evidence starts on {a['change_day']}: about {100 * a['drop']:.1f} points lower than the "
              "baseline on the baseline's tasks." if a["status"] != "ok" and isinstance(a["change_day"], str) else "")
    st.markdown(f"Evidence of a drop since the baseline ({a['baseline_start']} → {a['baseline_end']}): "
                f"**S = {a['statistic']:.1f}**; *watch* from {a['limit_watch']:.1f}, *degraded* from "
                f"{a['limit_degraded']:.1f}.{change}")
    for group, g in alarm.drop("all").iterrows():
        if g["status"] != "ok":
            st.markdown(f"{STATUS_BADGE[g['status']][0].capitalize()} in **{plain(group)}**: S = {g['statistic']:.1f} "
                        f"(watch from {g['limit_watch']:.1f}).")
    st.caption("A sequential alarm (CUSUM of difficulty-adjusted daily ability against a baseline that ends 30 "
               "days ago), calibrated to at most one false *watch* per agent-year and one false *degraded* per "
               "five; the Methodology page shows how fast it sees drops. The probabilities below describe the "
               "size of a drop in fixed windows; they do not set the status.")


def level_chart(level, changes, name: str) -> None:
    """The day's ability as a step function, where the current level began, and what it means."""
    began = data.level_start(level)
    start = pd.DataFrame([began]) if began else None
    st.altair_chart(charts.pass_rate(level, changes, f"{name}: expected pass rate on the baseline's tasks, "
                                                     "50% and 90% bands", start, line="level"), width="stretch")
    if began:
        st.markdown(f"The current level most probably began on **{began['day']:%Y-%m-%d}** (probability "
                    f"{began['probability']:.0%}); probability that it began within the last {began['recent_days']} "
                    f"days: {began['recent']:.0%}.")
    st.caption("Line: the agent's level as a step function (a change-point model: a new level may begin on any day, "
               "about one a quarter a priori); bands: each day's ability, the level plus that day's own shock; both as "
               "expected pass rate on the alarm baseline's tasks. "
               "Blue rule: where the current level most probably began. Points: the observed share of attempts "
               "passed that day, on that day's tasks. Dashed rules: agent version or model changes.")


page = open_page("Is the agent getting worse?",
                 "Daily runs on a fixed task suite, analysed by a Bayesian model that knows each task's difficulty.")
fit, rule = page.fit, page.fit["rule"]
delta = 100 * rule["delta"]
verdicts = data.verdicts(page.url, fit["id"])
levels = in_range(data.levels(page.url, fit["id"]), page)
ability = in_range(data.ability(page.url, fit["id"]), page)
changes = in_range(data.version_changes(data.attempts(page.url)), page)

for _, agent in page.agents[page.agents["agent"].isin(page.selected)].iterrows():
    name = agent["agent"]
    mine = verdicts[verdicts["agent"] == name]
    bayes = mine[mine["method"] == "bayes"].set_index("window")
    st.header(plain(name) + (f" · {plain(agent['model'])}" if isinstance(agent["model"], str) else ""))
    alarm_status(mine[mine["method"] == "sequential"].set_index("window"))
    if "7d" in bayes.index:
        week = bayes.loc["7d"]
        st.markdown(f"**{week['p_drop']:.0%} probability** of a drop of more than {delta:g} points vs. its "
                    f"baseline {WINDOW_WORDS['7d']} (estimated drop {100 * week['drop']:+.1f} points, "
                    f"90% interval {100 * week['drop_low']:+.1f} to {100 * week['drop_high']:+.1f}).")
    columns = st.columns(len(WINDOW_WORDS))
    for column, window in zip(columns, WINDOW_WORDS, strict=True):
        with column:
            if window not in bayes.index:
                st.metric(f"P(drop > {delta:g} pts) · {window}", "—", help="Not enough history for a baseline yet.")
                continue
            v = bayes.loc[window]
            label, colour = STATUS_BADGE[v["status"]]
            st.metric(f"P(drop > {delta:g} pts) · {window}", f"{v['p_drop']:.0%}",
                      help=f"Baseline {v['baseline_start']} → {v['baseline_end']}; window {v['window_start']} → "
                           f"{v['window_end']}. P(any drop) {v['p_any_drop']:.0%}.")
            st.badge(label, color=colour)
            tracker = mine[(mine["method"] == "tracker") & (mine["window"] == window)]
            if not tracker.empty:
                t = tracker.iloc[0]
                st.caption(f"Baseline binomial test (public tracker's rule): {t['status']}, p = {t['p_value']:.3f}, "
                           f"± threshold {100 * t['threshold']:.1f} pts at n = {int(t['attempts'])}")
    if (mine["method"] == "bayes_vs_control").any():
        vc = mine[(mine["method"] == "bayes_vs_control") & (mine["window"] == "7d")]
        if not vc.empty:
            st.caption(f"Against the control agent (7 days): P(a drop beyond the control's > {delta:g} pts) = "
                       f"{vc.iloc[0]['p_drop']:.0%} — a drop the control shares points at the harness or "
                       "infrastructure, not the model.")
    level = levels[levels["agent"] == name]
    if not level.empty:
        level_chart(level, changes[changes["agent"] == name], name)
    mine_rate = ability[ability["agent"] == name]
    if mine_rate.empty:
        st.info("No days in the selected range.")
        continue
    with st.expander("The Bayesian model's smooth pass rate (a Gaussian random walk)", expanded=level.empty):
        st.altair_chart(charts.pass_rate(mine_rate, changes[changes["agent"] == name],
                                         f"{name}: expected pass rate on the suite, 50% and 90% credible bands"),
                        width="stretch")
        st.caption("Line: posterior median. Bands: 50% and 90% credible intervals. Points: the observed share of "
                   "attempts passed that day, sized by the number of attempts. A random walk spreads a sudden "
                   "change over the days around it; the chart above keeps a step a step.")
