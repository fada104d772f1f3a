"""The search_index fixture lives in the root conftest.py, shared with the directory tests."""
