package kernellab.runner.internal.shell;

import static kernellab.runner.internal.shell.SyscallShell.hex;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import kernellab.api.Syscalls;
import kernellab.core.sched.Signal;
import kernellab.runner.internal.Messages;

/**
 * The symbolic arguments of the memory, file and signal system calls: parsed from what a user
 * types ({@code PROT_READ|PROT_WRITE}, {@code MAP_PRIVATE|MAP_ANONYMOUS}, {@code O_RDWR|O_CREAT},
 * {@code TERM}) and printed as strace prints them (the mapping type or access mode first, then
 * the other flags in bit order, unknown bits in hex).
 */
final class SyscallNames {

    private static final Map<String, Integer> PROT = new LinkedHashMap<>();
    private static final Map<String, Integer> MAP_TYPE = new LinkedHashMap<>();
    private static final Map<String, Integer> MAP_FLAGS = new LinkedHashMap<>();
    private static final Map<String, Integer> OPEN_ACCESS = new LinkedHashMap<>();
    private static final Map<String, Integer> OPEN_FLAGS = new LinkedHashMap<>();

    static {
        PROT.put("PROT_READ", Syscalls.PROT_READ);
        PROT.put("PROT_WRITE", Syscalls.PROT_WRITE);
        PROT.put("PROT_EXEC", Syscalls.PROT_EXEC);
        MAP_TYPE.put("MAP_SHARED", Syscalls.MAP_SHARED);
        MAP_TYPE.put("MAP_PRIVATE", Syscalls.MAP_PRIVATE);
        MAP_TYPE.put("MAP_SHARED_VALIDATE", Syscalls.MAP_SHARED_VALIDATE);
        MAP_FLAGS.put("MAP_FIXED", Syscalls.MAP_FIXED);
        MAP_FLAGS.put("MAP_ANONYMOUS", Syscalls.MAP_ANONYMOUS);
        MAP_FLAGS.put("MAP_GROWSDOWN", Syscalls.MAP_GROWSDOWN);
        MAP_FLAGS.put("MAP_LOCKED", Syscalls.MAP_LOCKED);
        MAP_FLAGS.put("MAP_NORESERVE", Syscalls.MAP_NORESERVE);
        MAP_FLAGS.put("MAP_POPULATE", Syscalls.MAP_POPULATE);
        MAP_FLAGS.put("MAP_NONBLOCK", Syscalls.MAP_NONBLOCK);
        MAP_FLAGS.put("MAP_FIXED_NOREPLACE", Syscalls.MAP_FIXED_NOREPLACE);
        OPEN_ACCESS.put("O_RDONLY", Syscalls.O_RDONLY);
        OPEN_ACCESS.put("O_WRONLY", Syscalls.O_WRONLY);
        OPEN_ACCESS.put("O_RDWR", Syscalls.O_RDWR);
        OPEN_FLAGS.put("O_CREAT", Syscalls.O_CREAT);
        OPEN_FLAGS.put("O_EXCL", Syscalls.O_EXCL);
        OPEN_FLAGS.put("O_TRUNC", Syscalls.O_TRUNC);
        OPEN_FLAGS.put("O_APPEND", Syscalls.O_APPEND);
    }

    private SyscallNames() {
    }

    /**
     * @param prot PROT_* bits
     * @return {@code PROT_READ|PROT_WRITE}, {@code PROT_NONE} for 0
     */
    static String prot(int prot) {
        return prot == Syscalls.PROT_NONE ? "PROT_NONE" : bits(prot, PROT, new StringJoiner("|"));
    }

    /**
     * @param flags MAP_* flags
     * @return {@code MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS}: the type, then the flags in bit order
     */
    static String mapFlags(int flags) {
        StringJoiner names = new StringJoiner("|");
        int type = flags & Syscalls.MAP_TYPE;
        String typeName = MAP_TYPE.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).findFirst()
                .orElse(type == 0 ? null : hex(type));
        if (typeName != null) {
            names.add(typeName);
        }
        String rest = bits(flags & ~Syscalls.MAP_TYPE, MAP_FLAGS, names);
        return rest.isEmpty() ? "0" : rest;
    }

    /**
     * @param flags O_* flags
     * @return {@code O_RDWR|O_CREAT}: the access mode (O_ACCMODE for the invalid mode 3, as strace
     *         prints it), then the flags in bit order
     */
    static String openFlags(int flags) {
        StringJoiner names = new StringJoiner("|");
        int access = flags & Syscalls.O_ACCMODE;
        names.add(OPEN_ACCESS.entrySet().stream().filter(e -> e.getValue() == access).map(Map.Entry::getKey).findFirst()
                .orElse("O_ACCMODE"));
        return bits(flags & ~Syscalls.O_ACCMODE, OPEN_FLAGS, names);
    }

    private static String bits(int value, Map<String, Integer> names, StringJoiner out) {
        int left = value;
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            if ((left & e.getValue()) != 0) {
                out.add(e.getKey());
                left &= ~e.getValue();
            }
        }
        if (left != 0) {
            out.add(hex(left));
        }
        return out.toString();
    }

    /**
     * @param text {@code PROT_READ|PROT_WRITE}, {@code PROT_NONE} or a number
     * @return the bits
     * @throws IllegalArgumentException naming an unknown name
     */
    static int parseProt(String text) {
        return parse(text, "PROT_NONE", PROT, Map.of());
    }

    /**
     * @param text {@code MAP_PRIVATE|MAP_ANONYMOUS} ({@code MAP_ANON} too), or a number
     * @return the flags
     * @throws IllegalArgumentException naming an unknown name
     */
    static int parseMapFlags(String text) {
        return parse(text, null, MAP_TYPE, MAP_FLAGS);
    }

    /**
     * @param text {@code O_RDWR|O_CREAT}, {@code O_RDONLY} (0) or a number
     * @return the flags
     * @throws IllegalArgumentException naming an unknown name
     */
    static int parseOpenFlags(String text) {
        return parse(text, "O_RDONLY", OPEN_ACCESS, OPEN_FLAGS);
    }

    private static int parse(String text, String zero, Map<String, Integer> names, Map<String, Integer> more) {
        int value = 0;
        for (String word : text.split("\\|", -1)) {
            String name = word.trim().toUpperCase(Locale.ROOT);
            Integer bit = name.equals(zero) ? Integer.valueOf(0)
                    : name.equals("MAP_ANON") && more.containsKey("MAP_ANONYMOUS") ? more.get("MAP_ANONYMOUS")
                            : names.containsKey(name) ? names.get(name) : more.get(name);
            if (bit == null) {
                bit = number(name);
            }
            if (bit == null) {
                throw new IllegalArgumentException(Messages.unknownFlag(word));
            }
            value |= bit;
        }
        return value;
    }

    private static Integer number(String text) {
        try {
            return text.startsWith("0X") ? Integer.parseUnsignedInt(text.substring(2), 16) : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param text a signal's name as kill(1) takes it ({@code TERM}, {@code SIGKILL}) or its number
     * @return the signal number, 1 to 64 or 0 (which only checks the target exists); other
     *         numbers are returned as they are, for kill(2) to refuse with EINVAL
     * @throws IllegalArgumentException for an unknown name
     */
    static int parseSignal(String text) {
        Signal s = Signal.byName(text);
        if (s != null) {
            return s.number();
        }
        Integer n = number(text.toUpperCase(Locale.ROOT));
        if (n == null) {
            throw new IllegalArgumentException(Messages.unknownSignal(text));
        }
        return n;
    }

    /**
     * @param sig a signal number as given to kill
     * @return its name as strace prints it, or the number when it is not a signal
     */
    static String signal(int sig) {
        return sig >= 1 && sig <= Signal.NSIG ? Signal.name(sig) : Integer.toString(sig);
    }
}
