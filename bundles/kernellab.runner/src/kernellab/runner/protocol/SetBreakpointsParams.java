package kernellab.runner.protocol;

import java.util.List;

/**
 * The complete set of breakpoints.
 *
 * @param breakpoints every breakpoint the client wants
 */
public record SetBreakpointsParams(List<BreakpointSpec> breakpoints) {
}
