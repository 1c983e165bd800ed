package io.cloudunit.tenant.token;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cloudunit.tenant.access.Role;

/** A token for CLI and CI: the Keycloak client behind it and its life. Never its secret (ADR 0016). */
@Entity
@Table(name = "tokens")
public class Token {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public Role role;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "keycloak_client_uuid", nullable = false)
    public String keycloakClientUuid;

    @Column(name = "service_account_user_id", nullable = false)
    public String serviceAccountUserId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
