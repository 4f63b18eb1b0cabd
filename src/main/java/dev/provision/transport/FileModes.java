package dev.provision.transport;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Converts octal file modes such as {@code 0640} to and from their textual and POSIX forms. */
public final class FileModes {

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private FileModes() {}

    /** The permission bits of {@code mode}, which must lie within {@code 0000..0777}. */
    public static Set<PosixFilePermission> toPermissions(int mode) {
        requirePermissionBits(mode);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    /** The mode as four octal digits, the form {@code chmod} takes, such as {@code 0640}. */
    public static String toOctal(int mode) {
        requirePermissionBits(mode);
        return String.format("%04o", mode);
    }

    private static void requirePermissionBits(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException(
                    "file mode " + Integer.toOctalString(mode) + " is outside 0000..0777; setuid, setgid and sticky bits are not supported");
        }
    }
}
