"""codedrift's public dashboard: `streamlit run dashboard/app.py` (or `codedrift dashboard`).

Read-only: every page renders stored summaries and raw results; nothing here samples, writes or runs.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` from a checkout

st.set_page_config(page_title="codedrift — is the agent getting worse?", page_icon="📉", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon="📉", default=True),
    st.Page("pages/breakdown.py", title="Breakdown", icon="🧩"),
    st.Page("pages/tasks.py", title="Tasks", icon="🧪"),
    st.Page("pages/runs.py", title="Runs", icon="⚙️"),
    st.Page("pages/methodology.py", title="Methodology", icon="📐"),
    st.Page("pages/downloads.py", title="Downloads", icon="⬇️"),
]
st.navigation(pages).run()
