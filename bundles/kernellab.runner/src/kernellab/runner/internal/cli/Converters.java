package kernellab.runner.internal.cli;

import java.util.Arrays;

import kernellab.api.Policy;
import kernellab.runner.internal.sim.Units;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the values of KernelLab's options; their messages say what is expected. */
final class Converters {

    private Converters() {
    }

    /** A duration with a unit ({@code 100ms}), in nanoseconds. */
    static final class Duration implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A size in bytes, with an optional K, M or G. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A CPU list such as {@code 0-1,3}, kept as text after checking it. */
    static final class CpuList implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Units.parseCpuList(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * A scheduling policy by name ({@code SCHED_WRR}, also without the prefix and in any case) or
     * number ({@code 7}).
     */
    static final class PolicyName implements ITypeConverter<Policy> {
        @Override
        public Policy convert(String value) {
            try {
                return Units.parsePolicy(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Completion candidates of {@link PolicyName}, for the help text. */
    static final class PolicyCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Policy.values()).map(Policy::name).iterator();
        }
    }
}
