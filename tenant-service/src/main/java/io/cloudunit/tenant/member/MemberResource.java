package io.cloudunit.tenant.member;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cloudunit.platform.problem.ProblemException;
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user of the identity provider, by username or email, with a role")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<RestResponse<MemberView>> add(@PathParam("tenant") String tenant, NewMember body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"user\": \"bob\", \"role\": \"developer\"}");
        }
        return service.add(tenant, body, caller.get()).map(member -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, member)
                .header(HttpHeaders.LOCATION, MemberService.memberPath(tenant, member.username()))
                .build());
    }

    @GET
    @Path("{username}")
    @Operation(summary = "One member and their role")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<MemberView> get(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        return service.get(tenant, username, caller.get());
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a member's role (the last owner cannot be demoted)")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<MemberView> changeRole(@PathParam("tenant") String tenant, @PathParam("username") String username,
            RoleChange body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"role\": \"developer\"}");
        }
        return service.changeRole(tenant, username, body, caller.get());
    }

    // Least role viewer: any member may remove themselves (leave); removing someone else needs owner.
    @DELETE
    @Path("{username}")
    @Operation(summary = "Remove a member (owner), or leave the tenant (any member, their own username); "
            + "the last owner cannot be removed")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<RestResponse<Void>> remove(@PathParam("tenant") String tenant, @PathParam("username") String username) {
        return service.remove(tenant, username, caller.get()).map(done -> RestResponse.noContent());
    }
}
