"""The daily job: task suites -> sandbox -> agent -> grading -> database."""
