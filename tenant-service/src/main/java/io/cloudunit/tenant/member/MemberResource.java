package io.cloudunit.tenant.member;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.tenant.access.CurrentCaller;
import io.cloudunit.tenant.access.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/tenants/{tenant}/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class MemberResource {
    private final MemberService service;
    private final CurrentCaller caller;

    public MemberResource(MemberService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The members of a tenant and their roles")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<List<MemberView>> list(@PathParam("tenant") String tenant) {
        return service.list(tenant, caller.get());
    }
}
