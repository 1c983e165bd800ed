package io.cloudunit.tenant.access;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a role as its label, the same word the API and the events use. */
@Converter(autoApply = true)
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.label();
    }

    @Override
    public Role convertToEntityAttribute(String label) {
        return label == null ? null
                : Role.of(label).orElseThrow(() -> new IllegalStateException("unknown role in database: " + label));
    }
}
