package io.udpkit.codec.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Refuses every polymorphic type id that names a Java class, so no datagram can choose which class
 * Jackson instantiates. Jackson consults this validator only for class-name ids
 * ({@code Id.CLASS}, {@code Id.MINIMAL_CLASS}, default typing); logical names declared with
 * {@code @JsonSubTypes} do not reach it.
 */
final class ClassNamesDenied extends PolymorphicTypeValidator.Base {

    private static final long serialVersionUID = 1L;

    @Override
    public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
        return Validity.DENIED;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
        return Validity.DENIED;
    }
}
