"""Downloads: everything behind the page, with its column schema."""

import io

import streamlit as st

from core.export import SCHEMA, to_csv
from dashboard import data
from dashboard.common import open_page

page = open_page("Downloads", "Posterior summaries, the full posterior and the raw attempts. Schema: docs/export.md; "
                              "columns are only ever added, never renamed or removed.")
fit_id = int(page.fit["id"])
tables = data.export_tables(page.url, fit_id)

st.header(f"Posterior summaries (fit {fit_id})")
for name, frame in tables.items():
    with st.container(border=True):
        st.markdown(f"**{name}** · {len(frame)} rows")
        st.caption("Columns: " + ", ".join(SCHEMA[name][1]))
        parquet = io.BytesIO()
        frame.to_parquet(parquet, index=False)
        c1, c2, c3 = st.columns(3)
        c1.download_button("CSV", to_csv(frame), f"{name}.csv", "text/csv", key=f"{name}-csv")
        c2.download_button("Parquet", parquet.getvalue(), f"{name}.parquet", "application/octet-stream",
                           key=f"{name}-parquet")
        c3.download_button("JSON", frame.to_json(orient="records", date_format="iso"), f"{name}.json",
                           "application/json", key=f"{name}-json")

st.header("Full posterior")
posterior = data.posterior_bytes(page.url, fit_id)
if posterior:
    st.download_button(f"NetCDF (ArviZ DataTree, {len(posterior) / 1e6:.1f} MB)", posterior,
                       f"posterior-fit-{fit_id}.nc", "application/x-netcdf")
else:
    st.info("The posterior file of this fit is not available on this server.")

st.header("Raw attempts")
attempts = data.attempts(page.url)
st.caption("One row per attempt (logs and transcripts excluded). Columns: " + ", ".join(attempts.columns))
st.download_button("CSV", to_csv(attempts), "attempts.csv", "text/csv", key="attempts-csv")
