vcl 4.1;
# Varnish in front of the CMS's app servers (Debian's `varnish`, 7.x).
#
# - Anonymous GET/HEAD of pages, feeds and both APIs are cached for as long as the app's
#   Cache-Control says (max-age per surface: CACHE_MAX_AGE_PAGES/_API/_FEEDS).
# - Anything signed in or personal is passed, never stored: a Django session, CSRF or messages
#   cookie, an Authorization header (API tokens), the admin, previews (/api/v3/preview/ and the
#   admin's preview), and any response that is private, no-store or sets a cookie.
# - PURGE from an app server (Wagtail's frontend-cache HTTP backend, FRONTEND_CACHE_PURGE_URL)
#   bans every cached variant of that path on that host: the page and its ?page=/?tag=
#   listings, an API address with any query string.
#
# The app servers are declared in backends.vcl beside this file (a round-robin director named
# `app`; see backends.vcl.example), so this file is the same on every deployment:
#   varnishd -a :6081 -f /path/to/site/varnish/default.vcl -p vcl_path=/path/to/site/varnish
import std;

include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
    # Add the app servers' addresses here.
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (!(client.ip ~ purgers)) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-cms-host == " + req.http.host +
            " && obj.http.x-cms-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/" || req.url ~ "^/api/v3/preview/" ||
        req.url ~ "^/documents/") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        # Django's own cookies mean a signed-in editor, a form in progress or a message:
        # personal. Other cookies (analytics) are dropped so that they do not split the cache.
        if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
            return (pass);
        }
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_pass {
    set req.http.x-cms-pass = "1";
}

sub vcl_backend_response {
    # Remember host and path on the object, for PURGE's bans (ban lurker friendly).
    set beresp.http.x-cms-host = bereq.http.host;
    set beresp.http.x-cms-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(private|no-store|no-cache)" ||
        !beresp.http.Cache-Control) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    if (req.http.x-cms-pass) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-cms-host;
    unset resp.http.x-cms-path;
}
