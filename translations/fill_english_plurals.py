#!/usr/bin/env python3
"""Fills translations/mlm_en.ts (plural forms only): "%n member(s)" -> "%n member" and "%n members".
Run after `cmake --build build --target update_translations`."""
import os
import re
import xml.etree.ElementTree as ET

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'mlm_en.ts')
tree = ET.parse(path)
for message in tree.getroot().iter('message'):
    source = message.find('source').text
    translation = message.find('translation')
    forms = translation.findall('numerusform')
    singular = re.sub(r'\(s\)', '', source)
    plural = re.sub(r'\(s\)', 's', source)
    forms[0].text, forms[1].text = singular, plural
    translation.attrib.pop('type', None)
tree.write(path, encoding='utf-8', xml_declaration=True)
