"""gunicorn settings, read from the working directory by `make run` and in production.

Access log: privacy first. Public requests carry search terms and filter choices in their
query string, and the portal promises not to store what visitors look for. The access log
therefore records the time, method, path *without* the query string, status, size and
duration, and neither the visitor's address nor the referrer or user agent. Failed and
successful admin logins are logged separately by the application, with username and address
(see README, "An admin user").
"""

import os

accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# --- Workers ------------------------------------------------------------------------
# Worker class: sync, one request at a time per process. A cached page is answered in
# well under a millisecond of CPU; a fresh page spends 5–60 ms, mostly rendering
# templates in Python and partly waiting for PostgreSQL (the filtered directory: about
# 25 of its 55 ms are SQL, docs/benchmarks.md). Threads (gthread) share one interpreter
# lock, and an event loop (gevent) would need every library to cooperate; processes
# use every core and keep one slow render from holding up the others. Sync workers must
# not face slow clients directly: in production a load balancer or reverse proxy
# buffers requests and responses (docs/deployment.md), so a worker is never held by a
# slow line.
#
# Workers: 2 × cores + 1 (WEB_CONCURRENCY overrides it), gunicorn's own advice. While
# one worker waits for PostgreSQL, another uses the core. Measured with `make load` on
# 2 cores, cached pages ran as fast with 5 workers as with 2 (2,000–2,700 requests per
# second either way, within the run-to-run spread), so the extra workers cost nothing
# there but memory: about 90 MB each, much of it shared through preload_app.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
worker_class = "sync"
# Load Django once in the master and fork: faster start, shared memory pages. Nothing
# opens a database or Redis connection at import, so no socket is shared by the forks.
preload_app = True
# A fresh render takes tens of milliseconds; 30 s means something hangs.
timeout = 30
graceful_timeout = 20
# Recycle a worker now and then, so a slow leak cannot grow without bound.
max_requests = 20000
max_requests_jitter = 2000
