package io.cloudunit.gateway.router;

/** The router's own small HTML answers. Every value shown comes from the request: escape it. */
final class RouterPages {

    private RouterPages() {
    }

    static String noApp(String host, String domain) {
        return page("No app here", "No app is deployed at " + escape(host),
                "Apps are served at http://&lt;app&gt;-&lt;tenant&gt;." + escape(domain)
                        + ":&lt;port&gt;/ once deployed. Check the address, or deploy the app.");
    }

    static String noInstance(AppRoute route) {
        return page("App unavailable", "The app " + escape(route.app()) + " of tenant " + escape(route.tenant())
                + " has no healthy instance right now",
                "It may be starting, restarting or stopped. This page retries by itself: reload in a few seconds.");
    }

    static String stopped(AppRoute route) {
        String app = escape(route.app());
        String tenant = escape(route.tenant());
        return page("App stopped", "App stopped — the app " + app + " of tenant " + tenant + " is stopped",
                "Its owners stopped it; nothing of it runs until it is started again. An owner or developer starts "
                        + "it with POST /api/v1/tenants/" + tenant + "/apps/" + app + "/actions/start.");
    }

    static String crashed(AppRoute route) {
        String app = escape(route.app());
        String tenant = escape(route.tenant());
        return page("App crashed", "App crashed — the app " + app + " of tenant " + tenant + " crashed",
                "Its instances kept crashing, so the platform stopped restarting them. Its owners can see why in "
                        + "GET /api/v1/tenants/" + tenant + "/apps/" + app + "/state and its logs (…/apps/" + app
                        + "/logs), then deploy a fix, or try again with POST …/apps/" + app + "/actions/restart.");
    }

    static String suspended(AppRoute route) {
        return page("App suspended", "The app " + escape(route.app()) + " of tenant " + escape(route.tenant())
                + " is suspended", "Its tenant was suspended by a platform administrator: the app does not run "
                        + "until the tenant is reinstated. Its owners can contact a platform administrator.");
    }

    static String notAnswering(AppRoute route) {
        return page("App not answering", "The app " + escape(route.app()) + " of tenant " + escape(route.tenant())
                + " did not answer", "Its instances could not be reached. Retry shortly.");
    }

    private static String page(String title, String heading, String text) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " · CloudUnit</title></head><body><h1>" + heading + "</h1><p>" + text + "</p></body></html>\n";
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
