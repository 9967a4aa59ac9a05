"""Runs: what each day cost and how the harness behaved; a run's attempts with their (escaped) output."""

import streamlit as st

from dashboard import charts, data
from dashboard.common import in_range, open_page

page = open_page("Runs", "Operational metrics per day; infrastructure errors are excluded from the statistics.",
                 need_fit=False)
attempts = in_range(data.attempts(page.url), page)
if attempts.empty:
    st.info("No attempts in the selected range.")
    st.stop()
ops = (attempts.assign(infra_errors=attempts["status"] == "infra_error",
                       tokens=attempts["tokens_in"].fillna(0) + attempts["tokens_out"].fillna(0))
       .groupby(["agent", "day"])
       .agg(attempts=("status", "size"), infra_errors=("infra_errors", "sum"), tokens=("tokens", "sum"),
            cost_usd=("cost_usd", "sum"), runtime_min=("duration_s", lambda s: s.sum() / 60),
            turns=("turns", "sum"), tool_calls=("tool_calls", "sum")).reset_index())
left, right = st.columns(2)
for i, (column, title, unit) in enumerate([
        ("tokens", "Tokens per day (in + out)", "Tokens"), ("cost_usd", "Cost per day", "USD"),
        ("runtime_min", "Runtime per day", "Minutes"), ("turns", "Agent turns per day", "Turns"),
        ("tool_calls", "Tool calls per day", "Tool calls"),
        ("infra_errors", "Infrastructure errors per day", "Errors")]):
    (left if i % 2 == 0 else right).altair_chart(charts.daily(ops, column, title, unit), width="stretch")

st.subheader("A run's attempts")
runs = (attempts.groupby(["run_id", "day", "agent"]).size().rename("attempts").reset_index()
        .sort_values("day", ascending=False))
labels = {int(r.run_id): f"{r.day.date()} · {r.agent} · {r.attempts} attempts" for r in runs.itertuples()}
run_id = st.selectbox("Run", list(labels), key="run", format_func=labels.get)
in_run = data.run_attempts(page.url, run_id)
st.dataframe(in_run.drop(columns=["final_message", "test_log"]), hide_index=True)
task = st.selectbox("Attempt output", in_run["task"] + " #" + in_run["attempt_no"].astype(str), key="attempt")
shown = in_run[(in_run["task"] + " #" + in_run["attempt_no"].astype(str)) == task].iloc[0]
st.caption("Agent output is shown as plain text, never rendered.")
for field in ("final_message", "error", "test_log"):
    if isinstance(shown[field], str) and shown[field]:
        st.text(field.replace("_", " "))
        st.code(shown[field], language=None)
