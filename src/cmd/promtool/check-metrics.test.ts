import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricFamilies } from '../../model/textparse/index.js';
import { cardinalityStats, tabulate } from './check-metrics.js';

test('check metrics --extended: cardinality per family, as promtool prints it', () => {
  const fams = parseMetricFamilies(`# TYPE h histogram
h_bucket{le="1"} 1
h_bucket{le="+Inf"} 2
h_sum 3
h_count 2
h_bucket{le="1",a="b"} 1
h_bucket{le="+Inf",a="b"} 2
# TYPE g gauge
g 1
`);
  const { stats, total } = cardinalityStats(fams);
  assert.equal(total, 9);
  assert.deepEqual(stats.map((s) => [s.name, s.cardinality]), [['h', 8], ['g', 1]]);
  assert.equal(
    tabulate([['Metric', 'Cardinality', 'Percentage'], ['h', '8', '88.89%'], ['Total', '9', '100%']]),
    'Metric    Cardinality    Percentage    \nh         8              88.89%        \nTotal     9              100%          \n',
  );
});
