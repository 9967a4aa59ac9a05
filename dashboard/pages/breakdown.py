"""Breakdown: the same question by language and by task kind."""

import streamlit as st

from dashboard import charts, data
from dashboard.common import in_range, open_page, plain

page = open_page("Breakdown by language and task kind",
                 "A drop confined to one language or kind of task shows here before it moves the headline.")
attempts = in_range(data.attempts(page.url), page)
graded = attempts[attempts["status"] != "infra_error"]
modelled = in_range(data.group_days(page.url, page.fit["id"]), page)
levels = in_range(data.group_levels(page.url, page.fit["id"]), page)

for agent in page.selected:
    st.header(plain(agent))
    mine = graded[graded["agent"] == agent]
    for grouping in ("language", "kind"):
        level = levels[(levels["agent"] == agent) & (levels["grouping"] == grouping)] if not levels.empty else levels
        if not level.empty:
            st.altair_chart(charts.by_group(level, "level", f"Level by {grouping} (change-point; band: 90% of each "
                                            "day's ability)", "Expected pass rate"), width="stretch")
        fitted = modelled[(modelled["agent"] == agent) & (modelled["grouping"] == grouping)]
        if not fitted.empty:
            st.altair_chart(charts.by_group(fitted, "median", f"Expected pass rate by {grouping} (model, 90% band)",
                                            "Expected pass rate"), width="stretch")
            continue
        if mine.empty:
            st.info("No graded attempts in the selected range.")
            break
        daily = (mine.assign(group=mine[grouping], passed=(mine["status"] == "passed"))
                 .groupby(["group", "day"]).agg(rate=("passed", "mean"), attempts=("passed", "size")).reset_index())
        st.altair_chart(charts.by_group(daily, "rate", f"Observed daily pass rate by {grouping}",
                                        "Observed pass rate"), width="stretch")
    if modelled.empty:
        st.caption("Observed rates (no model): fit with `codedrift fit --group-by language` (or `kind`) for "
                   "per-group credible intervals.")
