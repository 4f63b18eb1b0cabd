package dev.provision.cli;

import dev.provision.plan.HazardKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --allow}'s value as a {@link HazardKind}; an unknown name is a usage error that lists them all. */
final class HazardKindConverter implements ITypeConverter<HazardKind> {

    @Override
    public HazardKind convert(String value) {
        return HazardKind.of(value).orElseThrow(() -> new TypeConversionException("unknown hazard kind \"" + value
                + "\"; use one of " + String.join(", ", HazardKind.ids())));
    }
}
