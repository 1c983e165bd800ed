package io.cloudunit.tenant.member;

import io.cloudunit.tenant.access.Role;

public record MemberView(String userId, String username, Role role) {

    public static MemberView of(Member member) {
        return new MemberView(member.userId, member.username, member.role);
    }
}
