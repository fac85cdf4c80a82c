import { expect } from 'chai';
import { manifestProblems } from '../../src/index';

const manifest = (body: string, schemaversion = '2004 4th Edition'): string => `<?xml version="1.0"?>
<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>${schemaversion}</schemaversion></metadata>
  ${body}
</manifest>`;

const good = `<organizations default="O"><organization identifier="O"><title>T</title>
  <item identifier="I" identifierref="R"><title>T</title></item></organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="index.html">
  <file href="index.html"/><file href="a.css"/></resource></resources>`;

describe('manifest checks beyond the XSDs', () => {
  it('accepts a manifest whose references resolve and whose files match the package', () => {
    expect(
      manifestProblems(manifest(good), 'scorm2004', ['imsmanifest.xml', 'index.html', 'a.css']),
    ).to.deep.equal([]);
  });

  it('finds a dangling default organization and identifierref', () => {
    const broken = good
      .replace('default="O"', 'default="X"')
      .replace('identifierref="R"', 'identifierref="Y"');
    expect(
      manifestProblems(manifest(broken), 'scorm2004', ['imsmanifest.xml', 'index.html', 'a.css']),
    ).to.deep.equal(['default organization "X" does not exist', 'item "I" points to missing resource "Y"']);
  });

  it('finds duplicate identifiers', () => {
    const broken = good.replace('identifier="I"', 'identifier="O"');
    expect(
      manifestProblems(manifest(broken), 'scorm2004', ['imsmanifest.xml', 'index.html', 'a.css']),
    ).to.deep.equal(['identifier "O" is used twice']);
  });

  it('finds named files missing from the package and packaged files the manifest does not name', () => {
    expect(
      manifestProblems(manifest(good), 'scorm2004', ['imsmanifest.xml', 'index.html', 'extra.js']),
    ).to.deep.equal([
      'manifest names "a.css" but it is not in the package',
      '"extra.js" is in the package but not named in the manifest',
    ]);
  });

  it('requires the 2004 4th Edition schemaversion', () => {
    expect(
      manifestProblems(manifest(good, 'CAM 1.3'), 'scorm2004', ['imsmanifest.xml', 'index.html', 'a.css']),
    ).to.deep.equal(['schemaversion is "CAM 1.3", expected "2004 4th Edition"']);
  });
});
