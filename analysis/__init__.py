"""Analysis: attempts -> posterior of each agent's daily ability -> summaries; and the peers' methods."""
