package io.cloudunit.gateway.audit;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One stored audit row; rows are inserted by a native statement and never changed (the table refuses it). */
@Entity
@Table(name = "audit_log")
@Immutable
public class AuditRecord {
    @Id
    private Long id;
    @Column(name = "time")
    private OffsetDateTime time;
    private String tenant;
    @Column(name = "actor_id")
    private String actorId;
    @Column(name = "actor_username")
    private String actorUsername;
    private String action;
    private String target;
    private Integer status;
    private String outcome;
    @Column(name = "request_id")
    private String requestId;

    protected AuditRecord() {
    }

    public Long id() {
        return id;
    }

    public AuditView toView() {
        return new AuditView(id, time, actorUsername, actorId, action, target, outcome, status, requestId);
    }
}
