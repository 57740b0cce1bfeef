package org.spikering.app.spec.training;

/**
 * {@code training.network.surrogate}: the pseudo-derivative ψ of the recurrent neurons' spike,
 * ψ = γ' · max(0, 1 − β' |v − A|) (neuron-models' {@code SurrogateGradient.PIECEWISE_LINEAR}).
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>kind</td><td>—</td><td>piecewise_linear (the one form this build trains with)</td></tr>
 * <tr><td>gamma</td><td>— (1/mV if not scaled)</td><td>height: γ' = gamma / v_th if scaled_by_v_th, else gamma</td></tr>
 * <tr><td>beta</td><td>— (1/mV if not scaled)</td><td>width: β' = beta / v_th if scaled_by_v_th, else beta</td></tr>
 * <tr><td>scaled_by_v_th</td><td>—</td><td>Bellec et al. 2020's scaling by the threshold (true) or NEST's raw
 *     values (false)</td></tr>
 * </table>
 *
 * @param kind         the form.
 * @param gamma        the height factor.
 * @param beta         the width factor.
 * @param scaledByVTh  divide both by v_th.
 */
public record SurrogateSpec(String kind, double gamma, double beta,
                            @com.fasterxml.jackson.annotation.JsonProperty("scaled_by_v_th") boolean scaledByVTh) {

    /**
     * @param vThMv the threshold, mV.
     * @return γ' in 1/mV (as {@code NetworkParams.surrogateGamma}).
     */
    public double gammaPerMv(final double vThMv) {
        return scaledByVTh ? gamma / vThMv : gamma;
    }

    /**
     * @param vThMv the threshold, mV.
     * @return β' in 1/mV (as {@code NetworkParams.surrogateBeta}).
     */
    public double betaPerMv(final double vThMv) {
        return scaledByVTh ? beta / vThMv : beta;
    }
}
