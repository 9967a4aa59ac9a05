"""Methodology: the model in plain words, how far to trust this fit, and what the tracker can and cannot see."""

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.common import open_page, plain

page = open_page("Methodology", "How the numbers are made, and how far they can be trusted.")
fit, rule = page.fit, page.fit["rule"]
alarm = rule.get("alarm")  # None for a fit from before the sequential alarm
alarm_baseline = (" → ".join(rule["baseline"]) + ", pinned" if rule.get("baseline") else
                  f"the {alarm['baseline_days']} days ending {alarm['gap_days']} days ago" if alarm else
                  "this fit predates the alarm and has none")

st.header("The model in plain words")
st.markdown("""
Every day each tracked agent attempts the same suite of coding tasks in a locked-down sandbox, and hidden
tests grade each attempt (what the sandbox and grader withstand, and what they do not yet: `docs/integrity.md`,
tested by `tests/test_hostile.py`). Some tasks are harder than others, and a day's pass rate moves with
*which* tasks passed as much as with the agent. So the model estimates both at once: a **difficulty** for
each task, shared by all agents, and an **ability** for each agent on each day that drifts slowly from day
to day (a random walk), so a day without a run is bridged rather than dropped. Infrastructure failures (our
side, or the provider's API being down) are excluded; timeouts and crashes count as failures
(`tests/test_fit.py::test_fit_stores_diagnostics_summaries_and_the_posterior`).
""")
st.latex(r"\operatorname{logit} P(\text{pass}_{a,d,t}) = \theta_{a,d} - b_t,\qquad "
         r"\theta_{a,d} = \theta_{a,d-1} + \sigma_a\,\varepsilon_{a,d},\qquad \textstyle\sum_t b_t = 0")
st.markdown(f"""
Priors ({data.prior_text(rule.get("priors"))}): difficulties ~ Normal(μ, σ_b), μ = 0 for one suite or
family, else a family mean ~ Normal(0, σ_family), σ_family ~ HalfNormal(1); a task seen by an earlier fit of
the same likelihood starts from that fit's estimate instead. Whether 90% intervals cover the truth 90% of the
time is checked on histories drawn from these priors (`tests/test_calibration.py`; rank-based
simulation-based calibration, `make bench-sbc`). The number shown is the **expected pass rate on the current
suite**, the average over tasks of logistic(θ − b), with 50% and 90% credible intervals; a generated instance
run on one day counts as a fresh draw from its family (its own difficulty is integrated out of the fit).

**The chart** shows the day's ability as a step function: a change-point model in which a new level may
begin on any day (about one a quarter a priori), so a release that changes the agent shows as a step on
its day rather than a slope across the days around it, with bands that widen where the date is uncertain
and the day the current level most probably began (`docs/analysis.md`, "The level as a step function",
with its simulation checks). The random walk's smooth estimate is one click below it.

**The status** comes from a sequential alarm. Each day's attempts give a difficulty-adjusted ability
(every task's difficulty, or for a fresh generated instance its family's and knobs', learnt on earlier days
only), so a day of harder tasks is not a worse day. Against a clean baseline ({alarm_baseline}), a one-sided
CUSUM adds up the evidence of a drop day by day; its limits are set so that an agent raises at most one false
**watch** per year and one false **degraded** per five years, with the budget split between the overall
stream and per-language streams when the fit has them, however much the days vary beyond their sampling
noise (the baseline measures that spread and every day's evidence is scaled by it; `tests/test_alarm.py`,
`benchmarks/results/dispersion.txt`). Where the statistic began to rise dates the change.
Where the grader counts tests, a failed attempt's share of tests passed adds its evidence about the same
ability, but only for an agent whose earlier days show that share rising with ability (below; measured in
`benchmarks/results/partial_credit.txt`). The size of a drop and the chart come from pass/fail alone: the
headline stays the pass rate.

**How big.** For today, the last 7 days and the last 30 days, the drop is the mean expected pass rate
over a baseline (the {rule['baseline_days']} days before the window{', or the pinned period '
+ ' → '.join(rule['baseline']) if rule.get('baseline') else ''}) minus the mean over the window, computed
over the whole posterior, so the baseline's own uncertainty counts: P(drop > {100 * rule['delta']:g} points)
and a 90% interval. These windows describe a drop; they do not set the status. The full write-up:
`docs/analysis.md` in the repository.
""")

channel = data.partial_credit(data.verdicts(page.url, fit["id"]))
if not channel.empty:
    st.caption("Partial credit per agent: how a failed attempt's share of tests passed rises with ability on the "
               "training days (logits per logit, with its standard error), and whether the alarm used it.")
    st.dataframe(channel[channel["agent"].isin(page.selected)], hide_index=True)

st.header("This fit's diagnostics")
diag = pd.DataFrame([
    ("R-hat (max)", f"{fit['rhat_max']:.3f}", "≤ 1.01"), ("Bulk ESS (min)", f"{fit['ess_bulk_min']:.0f}", "≥ 400"),
    ("Tail ESS (min)", f"{fit['ess_tail_min']:.0f}", "≥ 400"), ("Divergences", f"{fit['divergences']}", "0"),
    ("BFMI (min)", f"{fit['bfmi_min']:.2f}", "≥ 0.3")], columns=["diagnostic", "value", "required"])
st.dataframe(diag, hide_index=True)
if fit["diagnostics_ok"]:
    st.success(f"Fit {fit['id']} passed every diagnostic ({fit['sampler']}, {fit['chains']} chains × "
               f"{fit['draws']} draws, {fit['attempts_used']} attempts, {fit['duration_s']:.0f} s).")
else:
    st.error(f"Fit {fit['id']} FAILED its diagnostics: its numbers are shown, but do not trust them.")

st.header("Does the model fit the data?")
st.markdown("""Posterior predictive checks: for 200 posterior draws, new pass counts are drawn for every
attempt the data has, and each block of counts is compared with the draw's expectation (a Pearson
discrepancy, for the real and the replicated counts). *p* is the share of draws whose replicated counts
stray at least as far as the real ones; near 0, the data vary in a way the model does not. *day*: all tasks
of one agent-day (day-level shocks); *cell*: repeats of one task on one day (task-by-day
over-dispersion); *task and period*: one task over 10 days (drifting difficulty); *walk steps*: whether
the fitted ability path's day-to-day steps alternate, as they do when the walk has absorbed day shocks
that the counts then no longer show.
`tests/test_ppc.py` shows each check quiet on data from the model and flagging the departure it aims
at.""")
if fit["checks"]:
    checks = pd.DataFrame(fit["checks"])
    st.dataframe(checks.rename(columns={"name": "block", "observed": "real discrepancy",
                                        "replicated": "replicated (median)", "p_value": "p"}),
                 hide_index=True)
    flagged = checks.loc[checks["flagged"], "name"].tolist()
    if flagged:
        st.warning(f"Flagged: {', '.join(flagged)}. The model misses this variation; the sequential alarm "
                   "widens every day's evidence by the day-to-day spread it measures (φ), but this fit's "
                   "intervals may be too narrow.")
else:
    st.info("This fit has no posterior predictive checks (a partial-credit fit, or one made before them).")

st.header("What this tracker can see")
names = dict(zip(page.agents["agent_id"].astype(str), page.agents["agent"], strict=True))
for agent_id, mdd in (fit["min_detectable_drop"] or {}).items():
    volume = (f"with {mdd['tasks_per_day']:.0f} tasks a day and {mdd['attempts_per_task']:.1f} attempt(s) per task"
              if "tasks_per_day" in mdd else "at its recent volume")
    if "alarm_points_watch" in mdd:
        st.markdown(f"**{plain(names.get(agent_id, agent_id))}**: {volume}, a sudden drop of "
                    f"**{mdd['alarm_points_watch']:.1f} points** raises *watch* within a week on average, and one of "
                    f"{mdd['alarm_points_degraded']:.1f} points *degraded* (the alarm's run length under the drop, "
                    "Siegmund's approximation at this agent's daily spread; `tests/test_alarm.py` checks it by "
                    "simulation). Smaller drops are seen later, or not within a month.")
    elif "points" in mdd:
        st.markdown(f"**{plain(names.get(agent_id, agent_id))}**: {volume}, the window rule cannot reliably see "
                    f"drops smaller than **{mdd['points']:.1f} points** within a week (a fit from before the "
                    "sequential alarm).")
figures = data.detection_figures()
if figures and "false_alarms" in figures:
    st.subheader("Detection power on simulated histories")
    st.caption(figures["setting"])
    st.dataframe(pd.DataFrame(figures["table"]), hide_index=True)
    st.markdown("False alarms on histories without any drop (per agent-year, and the share of histories with any "
                "alarm in 90 days, each with a 90% interval); codedrift's thresholds were never fitted to these "
                "histories, every other rule was calibrated on separate ones. codedrift's columns come from the "
                "alarm's previous calibration; the shipped one, judged on the same histories, has the same median "
                "delays and holds its budget where day-to-day spread broke the old one's "
                "(`benchmarks/results/dispersion.txt`):")
    st.dataframe(data.false_alarm_table(figures), hide_index=True)
    st.caption(figures["note"] + ". The full write-up, with what these figures do and do not show: "
               "`docs/analysis.md`.")

st.header("How the other methods judge the same data")
st.markdown("""
* **tracker** — the best-known public tracker's rule: the window's attempts pooled into one binomial,
  a one-sided exact test against a fixed baseline pass rate p0, *degraded* if p < 0.05 in any of three
  windows (no correction for testing three windows a day), with its "± threshold" (the smallest
  significant drop at that sample size).
* **paired** — per-task differences between the window and its baseline with standard errors clustered
  by task (Miller 2024, "Adding Error Bars to Evals"): task difficulty cancels.
* **cusum** — a one-sided cumulative-sum alarm on daily pass rates, with its limit set so that it flags
  one no-drop day in 90 in the detection benchmark.
""")
verdicts = data.verdicts(page.url, fit["id"])
shown = verdicts[verdicts["agent"].isin(page.selected)][
    ["agent", "method", "window", "attempts", "drop", "p_drop", "p_value", "threshold", "statistic", "status"]]
st.dataframe(shown.sort_values(["agent", "window", "method"]), hide_index=True,
             column_config={"drop": st.column_config.NumberColumn("drop", format="percent"),
                            "threshold": st.column_config.NumberColumn("± threshold", format="percent")})
