//! Scoring extraction against gold annotations (same rules as `shared/eval/score.py`).
