"""Browser tests: the built site served over HTTP and driven in Chromium by Playwright.

A package, so this folder's conftest.py does not take the module name `conftest` from tests/.
"""
