package org.spikering.app.spec.training;

/**
 * {@code training.regularisation}: firing-rate regularisation towards f_target (e-prop's R_j = c_reg (n_j/T −
 * f_target·dt)/T added to each neuron's learning signal; {@code NetworkParams.cReg, fTargetHz}).
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>c_reg</td><td>—</td><td>coefficient, &ge; 0 (0 = none)</td></tr>
 * <tr><td>f_target_hz</td><td>Hz</td><td>target rate, &ge; 0</td></tr>
 * </table>
 *
 * @param cReg      c_reg.
 * @param fTargetHz f_target, Hz.
 */
public record RegularisationSpec(double cReg, double fTargetHz) {
}
