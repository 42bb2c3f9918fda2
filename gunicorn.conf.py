"""gunicorn settings, read from the working directory by `make run` and in production.

Access log: privacy first. Public requests carry search terms and filter choices in their
query string, and the portal promises not to store what visitors look for. The access log
therefore records the time, method, path *without* the query string, status, size and
duration, and neither the visitor's address nor the referrer or user agent. Failed and
successful admin logins are logged separately by the application, with username and address
(see README, "An admin user").
"""

accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
