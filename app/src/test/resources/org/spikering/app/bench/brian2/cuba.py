# Brian2's examples/CUBA.py (Brette et al. 2007, benchmark 2), unchanged except: seeded, numpy target,
# and the mean rate of all 4000 neurons over the 1 s run printed instead of the raster plot.
import sys
from brian2 import *
prefs.codegen.target = 'numpy'
s = int(sys.argv[1])
seed(s)
taum = 20*ms
taue = 5*ms
taui = 10*ms
Vt = -50*mV
Vr = -60*mV
El = -49*mV
eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV
P.gi = 0*mV
we = (60*0.27/10)*mV
wi = (-20*4.5/10)*mV
Ce = Synapses(P, P, on_pre='ge += we')
Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02)
Ci.connect('i>=3200', p=0.02)
s_mon = SpikeMonitor(P)
run(1 * second)
last = s_mon.t[-1]/ms if s_mon.num_spikes else -1
print("cuba seed %d rate_hz %.4f last_spike_ms %.1f" % (s, s_mon.num_spikes / 4000.0 / 1.0, last))
