package org.teeka.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** The classes of requests that admission control bounds apart, so that one cannot starve another. */
enum RequestClass {

    /** Reads of the JSON APIs (the CoWIN public availability above all). */
    PUBLIC_API("public-api", 512),
    /** Citizens' pages read with GET; past the bound they wait in the waiting room. */
    CITIZEN_PAGES("citizen-pages", 256),
    /** Every request that changes something (OTP, registration, booking), from a page or an API. */
    WRITES("writes", 256),
    /** The staff console and staff API. */
    STAFF("staff", 64),
    /** Static assets, health and metrics, the SMSC simulator: never refused. */
    EXEMPT("exempt", Integer.MAX_VALUE);

    private final String key;
    private final int defaultConcurrency;

    RequestClass(String key, int defaultConcurrency) {
        this.key = key;
        this.defaultConcurrency = defaultConcurrency;
    }

    String key() {
        return key;
    }

    int defaultConcurrency() {
        return defaultConcurrency;
    }

    /** The class of a request, from its path and method alone (no session, no database). */
    static RequestClass of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return of(request.getMethod(), path);
    }

    static RequestClass of(String method, String path) {
        if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico") || path.startsWith("/actuator") || path.equals("/smsc") || path.startsWith("/smsc/")
                || path.equals("/error")) {
            return EXEMPT;
        }
        if (path.startsWith("/staff") || path.startsWith("/api/staff")) {
            return STAFF;
        }
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        if (!safe) {
            return WRITES;
        }
        if (path.startsWith("/api/") || path.startsWith("/v3/")) {
            return PUBLIC_API;
        }
        return CITIZEN_PAGES;
    }
}
