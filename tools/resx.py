#!/usr/bin/env python3
"""Add or update strings in a pair of .resx files (neutral = English, .zh-CN = Chinese).

usage: resx.py PATH/WITHOUT/EXTENSION < lines
each input line: key<TAB>english<TAB>chinese   (blank lines and lines starting with # ignored)
Existing keys are replaced, others kept; keys are written sorted.
"""
import sys, os, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def read(path):
    d = {}
    if os.path.exists(path):
        for data in ET.parse(path).getroot().findall('data'):
            v = data.find('value')
            d[data.get('name')] = v.text if v is not None and v.text else ''
    return d

def write(path, d):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(d):
            f.write(f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(d[k])}</value></data>\n')
        f.write('</root>\n')

base = sys.argv[1]
en, zh = read(base + '.resx'), read(base + '.zh-CN.resx')
for line in sys.stdin:
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'): continue
    parts = line.split('\t')
    if len(parts) != 3: sys.exit(f'bad line (need key<TAB>en<TAB>zh): {line!r}')
    k, e, z = parts
    en[k], zh[k] = e, z
write(base + '.resx', en); write(base + '.zh-CN.resx', zh)
print(f'{base}: {len(en)} keys')
