import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tabwrite } from './tabwriter.js';

test('tabwrite: tab-terminated cells align, padding 2, rune widths', () => {
  assert.equal(tabwrite('ID\tMatchers\t\nabc\tä="ü"\t\n'), 'ID   Matchers  \nabc  ä="ü"     \n');
  assert.equal(tabwrite('a\tb\nlonger\tc\n'), 'a       b\nlonger  c\n');
});

test('tabwrite: a line without tabs ends the column block', () => {
  const text = 'Cluster Status:\tready\nNode Name:\tx\n\nAddress\tName\n1.2.3.4:9094\tn1\t\n';
  assert.equal(tabwrite(text), 'Cluster Status:  ready\nNode Name:       x\n\nAddress       Name\n1.2.3.4:9094  n1  \n');
});
