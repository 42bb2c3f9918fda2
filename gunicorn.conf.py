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
# Worker class: sync, one request at a time per process. The portal's work is CPU in
# Python: a cached page is answered in well under a millisecond, a fresh page spends
# most of its 5–25 ms rendering templates and only a little waiting for PostgreSQL or
# Redis. Threads (gthread) or an event loop (gevent) pay off when requests wait on I/O;
# here they would share one interpreter lock and add switching. Sync workers must not
# face slow clients directly: in production a load balancer or reverse proxy buffers
# requests and responses (docs/deployment.md), so a worker is never held by a slow line.
#
# Workers: one per core (WEB_CONCURRENCY overrides it). With CPU-bound sync workers, a
# core cannot run two at once, so more workers only add memory (about 90 MB each) and
# context switches; measured with `make load` on 2 cores (docs/benchmarks.md), 2 workers
# served cached pages faster than gunicorn's I/O-bound rule of thumb, 2 × cores + 1.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
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
