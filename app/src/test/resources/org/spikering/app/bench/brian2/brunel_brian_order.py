# NEST's brunel_delta_nest.py network (Brunel 2000 model A, V_reset 0, t_ref 2 ms, input during refractoriness
# discarded, fixed in-degree with multapses and autapses, delay 1.5 ms, eta 2, g 5) at spikering's scale 0.1:
# N_E 1000, N_I 250, C_E 100, C_I 25, J = 0.1 mV * 1000 / C_E = 1 mV, external Poisson rate eta*nu_thr*C_E per
# neuron with weight J; dt 0.1 ms, V_m(0) = 0, 500 ms; prints the mean rate of all neurons over the run.
# Brian2's default schedule: input in the 'synapses' slot, after that step's threshold (one step later than
# NEST), and 19 refractory steps after the spike step (NEST: 20). See brunel_nest_order.py.
import sys
import numpy as np
from brian2 import *
prefs.codegen.target = 'numpy'
s = int(sys.argv[1])
seed(s)
rng = np.random.default_rng(s)
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
NE = int(round(10000 * scale)); NI = int(round(2500 * scale)); N = NE + NI
CE = int(round(0.1 * NE)); CI = int(round(0.1 * NI))
J = 0.1 * 1000.0 / CE * mV
g = 5.0; eta = 2.0
tau = 20*ms; theta = 20*mV
nu_thr = theta / (J * CE * tau)
defaultclock.dt = 0.1*ms
P = NeuronGroup(N, 'dv/dt = -v/tau : volt (unless refractory)', threshold='v >= theta', reset='v = 0*mV',
                refractory=2*ms, method='exact')
P.v = 0*mV
post = np.repeat(np.arange(N), CE)
Se = Synapses(P[:NE], P, on_pre='v_post += J*int(not_refractory_post)', delay=1.5*ms)
Se.connect(i=rng.integers(0, NE, N * CE), j=post)
posti = np.repeat(np.arange(N), CI)
Si = Synapses(P[NE:], P, on_pre='v_post += -g*J*int(not_refractory_post)', delay=1.5*ms)
Si.connect(i=rng.integers(0, NI, N * CI), j=posti)
ext = PoissonInput(P, 'v', CE, eta * nu_thr, weight='J*int(not_refractory)')
mon = SpikeMonitor(P)
run(500*ms)
print("brunel-brian-order scale %g seed %d rate_hz %.4f" % (scale, s, mon.num_spikes / N / 0.5))
