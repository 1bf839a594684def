package org.trapline.cli;

import org.trapline.models.machine.Profile;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --profile hardware|qemu-pc}: a name picocli refuses, with the known ones, before any work. */
final class ProfileConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String id) {
        return Profile.byId(id).orElseThrow(() -> new TypeConversionException(
                "unknown profile '" + id + "' (known: " + String.join(", ", Profile.ids()) + ")"));
    }
}
