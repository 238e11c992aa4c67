import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()
# What loading the project created lives as long as the process: keep it
# out of the collector's full passes, which otherwise stopped one request
# in about fifty for 100 ms (bench/search_latency.py). Forked workers then
# also keep sharing those objects' memory pages.
gc.freeze()
