"""Tasks: how hard each task is, and what happened on it day by day."""

import streamlit as st

from dashboard import charts, data
from dashboard.common import in_range, open_page

page = open_page("Tasks", "Difficulty is shared by all agents and estimated with its uncertainty; canary tasks "
                          "(easy, should always pass) are highlighted.")
tasks = data.difficulty(page.url, page.fit["id"])
st.altair_chart(charts.difficulty(tasks), width="stretch")

attempts = in_range(data.attempts(page.url), page)
st.subheader("Attempts in the selected range")
if attempts.empty:
    st.info("No attempts in the selected range.")
    st.stop()
agent = st.selectbox("Agent", sorted(attempts["agent"].unique()), key="tasks_agent")
mine = attempts[attempts["agent"] == agent]
st.altair_chart(charts.heatmap(mine), width="stretch")

task = st.selectbox("Task", sorted(mine["task"].unique()), key="task")
history = mine[mine["task"] == task].sort_values("day", ascending=False)
row = tasks[tasks["task"] == task]
if not row.empty:
    r = row.iloc[0]
    st.markdown(f"Difficulty {r['mean']:+.2f} logits (90% interval {r['q05']:+.2f} to {r['q95']:+.2f}); "
                f"passed {int(r['passed'])} of {int(r['attempts'])} graded attempts in the fit.")
st.dataframe(history[["day", "attempt_no", "status", "tests_passed", "tests_total", "duration_s", "agent_version"]],
             hide_index=True)
