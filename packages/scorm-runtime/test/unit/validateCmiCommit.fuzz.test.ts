import { expect } from 'chai';
import fc from 'fast-check';
import { validateCmiCommit, type CmiValidationResult } from '../../src/index';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 400 };

const versions = ['1.2', '2004', 'scorm12', 'scorm2004'] as const;

const realElements = [
  'cmi.location',
  'cmi.suspend_data',
  'cmi.completion_status',
  'cmi.success_status',
  'cmi.score.raw',
  'cmi.score.scaled',
  'cmi.session_time',
  'cmi.exit',
  'cmi.interactions.0.id',
  'cmi.interactions.0.type',
  'cmi.interactions.0.learner_response',
  'cmi.interactions.999999.id',
  'cmi.objectives.0.id',
  'cmi.core.lesson_status',
  'cmi.core.score.raw',
  'cmi.core.lesson_location',
  'cmi.suspend_data',
  'cmi.learner_name',
  'cmi.interactions',
];

const hostileKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'cmi.__proto__',
  'cmi.constructor.prototype',
  'cmi.interactions.__proto__.id',
  'cmi.interactions.-1.id',
  'cmi.interactions.1e3.id',
  'cmi.interactions.0x10.id',
  '',
  'cmi.',
  '.',
  'cmi..location',
];

const weirdNumbers = fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 1e308);

/** Values a hostile or broken player might send for one element. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.double(),
  weirdNumbers,
  fc.constantFrom(null, undefined, true, false, [], {}, 'x'.repeat(70_000)),
  fc.bigInt().map((value) => value),
  fc.jsonValue({ maxDepth: 6 }),
  fc.array(fc.string(), { maxLength: 5 }),
);

const elementName = fc.oneof(fc.constantFrom(...realElements, ...hostileKeys), fc.string({ maxLength: 200 }));

/** An object built with defineProperty so `__proto__` becomes an own key, as JSON.parse makes it. */
const cmiObject = fc.array(fc.tuple(elementName, anyValue), { maxLength: 30 }).map((pairs) => {
  const cmi: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    Object.defineProperty(cmi, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return cmi;
});

function deeplyNested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = { 'cmi.location': value };
  return value;
}

const anyCommit: fc.Arbitrary<unknown> = fc.oneof(
  cmiObject,
  fc.anything({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 5 }),
  fc.array(cmiObject, { maxLength: 3 }),
  fc.integer({ min: 1, max: 5000 }).map(deeplyNested),
  fc
    .constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}')
    .map((json) => JSON.parse(json) as unknown),
);

function expectWellFormed(result: CmiValidationResult): void {
  if (result.ok) {
    expect(Object.getPrototypeOf(result.cmi)).to.equal(Object.prototype);
    for (const [element, value] of Object.entries(result.cmi)) {
      expect(element).to.match(/^cmi\./);
      expect(['string', 'number']).to.include(typeof value);
      if (typeof value === 'number') expect(Number.isFinite(value)).to.equal(true);
    }
  } else {
    expect(result.problems).to.not.be.empty;
    for (const found of result.problems) {
      expect(found.element).to.be.a('string');
      expect(found.element.length).to.be.at.most(120);
      expect(found.message).to.be.a('string').and.not.be.empty;
    }
  }
}

describe('validateCmiCommit under fuzzing', () => {
  afterEach(() => {
    // A polluted Object.prototype would leak into every later test; fail loudly here instead.
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('answers every input with a result (no throw), never keeping a non-finite number or a foreign key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...versions), anyCommit, (version, cmi) => {
        expectWellFormed(validateCmiCommit(version, cmi));
      }),
      fuzz,
    );
  });

  it('refuses every prototype-pollution key and leaves Object.prototype untouched', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...versions),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'cmi.__proto__', 'cmi.constructor'),
        fc.jsonValue({ maxDepth: 3 }),
        (version, key, value) => {
          // JSON.parse makes `__proto__` an own key, exactly as express.json() hands it to the route.
          const cmi = JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as unknown;
          const result = validateCmiCommit(version, cmi);
          expect(result.ok).to.equal(false);
          expect(Object.prototype).to.not.have.property('polluted');
        },
      ),
      fuzz,
    );
  });

  it('refuses NaN, ±Infinity anywhere in a real element', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...versions),
        fc.constantFrom('cmi.score.raw', 'cmi.core.score.raw', 'cmi.score.scaled', 'cmi.location'),
        fc.constantFrom(NaN, Infinity, -Infinity),
        (version, element, value) => {
          expect(validateCmiCommit(version, { [element]: value }).ok).to.equal(false);
        },
      ),
      fuzz,
    );
  });

  it('refuses over-long values of a real element with the element named', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('cmi.location', 'cmi.suspend_data', 'cmi.interactions.0.id'),
        fc.integer({ min: 70_000, max: 300_000 }),
        (element, length) => {
          const result = validateCmiCommit('2004', { [element]: 'a'.repeat(length) });
          expect(result.ok).to.equal(false);
          if (!result.ok) expect(result.problems.map((p) => p.element)).to.include(element);
        },
      ),
      { ...fuzz, numRuns: 50 },
    );
  });
});
