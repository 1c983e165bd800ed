package io.cloudunit.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActionsTest {

    @Test
    void itemsBecomePlaceholdersNamedAfterTheirCollection() {
        assertEquals("POST /tenants", Actions.of("POST", "/api/v1/tenants"));
        assertEquals("DELETE /tenants/{t}", Actions.of("DELETE", "/api/v1/tenants/acme"));
        assertEquals("POST /tenants/{t}/apps", Actions.of("POST", "/api/v1/tenants/acme/apps"));
        assertEquals("PATCH /tenants/{t}/apps/{a}/config", Actions.of("PATCH", "/api/v1/tenants/acme/apps/web/config"));
        assertEquals("DELETE /tenants/{t}/members/{user}",
                Actions.of("DELETE", "/api/v1/tenants/acme/members/2f1c"));
        assertEquals("POST /tenants/{t}/apps/{a}/builds/{id}/cancel",
                Actions.of("POST", "/api/v1/tenants/acme/apps/web/builds/42/cancel"));
        assertEquals("POST /tenants/{t}/webhooks/{id}/deliveries/{d}/redeliver",
                Actions.of("POST", "/api/v1/tenants/acme/webhooks/7/deliveries/9/redeliver"));
    }

    @Test
    void lifecycleVerbsStayAsTheyAre() {
        assertEquals("POST /tenants/{t}/apps/{a}/actions/restart",
                Actions.of("POST", "/api/v1/tenants/acme/apps/web/actions/restart"));
    }

    @Test
    void aTrailingSlashIsIgnored() {
        assertEquals("PATCH /tenants/{t}", Actions.of("PATCH", "/api/v1/tenants/acme/"));
    }
}
