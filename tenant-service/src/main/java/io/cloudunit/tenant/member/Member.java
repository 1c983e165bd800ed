package io.cloudunit.tenant.member;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cloudunit.tenant.access.Role;

/**
 * A user's membership in a tenant, keyed by the token's {@code sub}. The service account of a tenant token
 * (ADR 0016) is a member too: {@code tokenId} names the token and {@code expiresAt} ends the membership.
 */
@Entity
@Table(name = "members")
public class Member {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String tenant;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String username;

    @Column(nullable = false)
    public Role role;

    @Column(name = "added_at", nullable = false)
    public OffsetDateTime addedAt;

    /** The tenant token this membership belongs to; null for a person. */
    @Column(name = "token_id")
    public Long tokenId;

    /** When the membership lapses; null for never. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public static Member of(String tenant, String userId, String username, Role role, OffsetDateTime addedAt) {
        Member member = new Member();
        member.tenant = tenant;
        member.userId = userId;
        member.username = username;
        member.role = role;
        member.addedAt = addedAt;
        return member;
    }
}
