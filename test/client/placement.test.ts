import { expect } from 'chai';
import type { SuggestionDto } from '../../shared/placementDto';
import { idNumberCheckDigit } from '../../shared/idNumber';
import { DEFAULT_POLICY } from '../../shared/policy';
import {
  apiFieldErrors,
  emptyMember,
  idNumberHint,
  localErrors,
  toPartyInput,
} from '../../client/src/placement/partyForm';
import { describeTerms } from '../../client/src/placement/scoreTerms';
import { roomIdsOf } from '../../client/src/placement/suggestionRooms';
import { validIdNumber, withWrongCheckDigit } from '../personFactories';

const suggestion = (attrs: Partial<SuggestionDto> = {}): SuggestionDto => ({
  siteId: 1,
  siteCode: 'A',
  siteName: 'Riverside',
  floor: 2,
  rooms: [{ roomId: 7, number: '201', members: [0] }],
  score: 3.9,
  terms: {
    distance: 0.5,
    openFirst: 1,
    bestFit: 0.5,
    householdProximity: 1,
    cohort: 0.5,
    utilizationCeiling: 0,
  },
  distanceKm: 10,
  reasons: [],
  opensStandbySite: false,
  ...attrs,
});

describe('placement helpers', () => {
  it('hints what is wrong with an ID number while it is typed', () => {
    // A fixed serial whose check character is a digit: an X would be misplaced once typed past.
    const id = validIdNumber('19900101', 1);
    expect(idNumberHint('')).to.deep.equal({ kind: 'empty' });
    expect(idNumberHint('4101')).to.deep.equal({ kind: 'length', count: 14 });
    expect(idNumberHint(`${id}12`)).to.deep.equal({ kind: 'tooLong', count: 2 });
    expect(idNumberHint('4101X5')).to.deep.equal({ kind: 'shape' });
    expect(idNumberHint('41010a')).to.deep.equal({ kind: 'shape' });
    expect(idNumberHint(withWrongCheckDigit(id))).to.deep.equal({ kind: 'check' });
    expect(idNumberHint(` ${id.toLowerCase()} `)).to.deep.equal({ kind: 'ok' });
    // 1990-02-30 does not exist, whatever the check character says.
    const body = '41010519900230123';
    expect(idNumberHint(body + idNumberCheckDigit(body))).to.deep.equal({ kind: 'birth' });
  });

  it('names empty and impossible fields with the API field names, and builds the request', () => {
    const member = { ...emptyMember(), fullName: ' Li Na ', idNumber: '4101' };
    expect(
      localErrors({
        category: 'close_contact',
        originDistrict: '',
        shareRoom: true,
        members: [member],
      }),
    ).to.deep.equal({
      'members.0.idNumber': 'invalid',
      'members.0.exposureDate': 'required',
    });
    const id = validIdNumber();
    const input = toPartyInput({
      category: 'inbound_traveller',
      originDistrict: '',
      shareRoom: true,
      members: [{ ...member, idNumber: id, exposureDate: '2026-11-27', needs: ['wheelchair'] }],
    });
    expect(input).to.deep.equal({
      category: 'inbound_traveller',
      // One person cannot share: the flag is only sent for a household.
      shareRoom: false,
      members: [
        { fullName: 'Li Na', idNumber: id, exposureDate: '2026-11-27', needs: ['wheelchair'] },
      ],
    });
  });

  it('sends the origin district and its centre for every member, so distance is scored', () => {
    const input = toPartyInput({
      category: 'close_contact',
      originDistrict: '410105',
      shareRoom: false,
      members: [
        { ...emptyMember(), fullName: 'A', idNumber: validIdNumber(), exposureDate: '2026-11-27' },
        { ...emptyMember(), fullName: 'B', idNumber: validIdNumber(), exposureDate: '2026-11-27' },
      ],
    });
    for (const member of input.members) {
      expect(member.originDistrict).to.equal('410105');
      expect(member.origin?.latitude).to.be.closeTo(34.8, 0.01);
    }
  });

  it('words the API field errors in the user language when it knows the reason', () => {
    const errors = [
      { field: 'category', message: 'category must be one of …', type: 'any.only' },
      { field: 'members.0.x', message: 'members.0.x is new', type: 'x.new' },
    ];
    expect(
      apiFieldErrors(errors, (e) => (e.type === 'any.only' ? '不是允许的值' : undefined)),
    ).to.deep.equal({ category: '不是允许的值', 'members.0.x': 'is new' });
  });

  it("maps the API's field errors to fields, without repeating the field's name", () => {
    expect(
      apiFieldErrors([
        {
          field: 'members.0.exposureDate',
          message: 'members.0.exposureDate must not be after today',
          type: 'date.max',
        },
        {
          field: 'members.0.idNumber',
          message: 'members.0.idNumber: wrong check character',
          type: 'idNumber.check',
        },
        { field: 'members.0.idNumber', message: 'second', type: 'x' },
        { field: 'category', message: 'must be one of …', type: 'any.only' },
      ]),
    ).to.deep.equal({
      'members.0.exposureDate': 'must not be after today',
      'members.0.idNumber': 'wrong check character',
      category: 'must be one of …',
    });
  });

  it('describes every score term in words, largest contribution first', () => {
    const described = describeTerms(suggestion(), DEFAULT_POLICY.weights, 0.95);
    expect(described.map((d) => [d.term, d.phrase])).to.deep.equal([
      ['openFirst', 'phrase.openFirst.open'],
      ['householdProximity', 'phrase.household.oneRoom'],
      ['distance', 'phrase.distance.km'],
      ['bestFit', 'phrase.bestFit.spare'],
      ['cohort', 'phrase.cohort.empty'],
      ['utilizationCeiling', 'phrase.ceiling.over'],
    ]);
    expect(described[2].params).to.deep.equal({ km: 10 });
    expect(described[3].params).to.deep.equal({ used: 0.5 });
  });

  it('reads raw terms through the policy weights, and says when a term is not weighed', () => {
    const weights = { ...DEFAULT_POLICY.weights, cohort: 2, distance: 0 };
    const s = suggestion({
      distanceKm: null,
      rooms: [
        { roomId: 9, number: '202', members: [1] },
        { roomId: 8, number: '201', members: [0] },
      ],
      terms: { ...suggestion().terms, cohort: 1.6, distance: 0, bestFit: 1 },
    });
    const phrases = Object.fromEntries(
      describeTerms(s, weights, 0.95).map((d) => [d.term, d.phrase]),
    );
    expect(phrases).to.include({
      cohort: 'phrase.cohort.same',
      distance: 'phrase.unweighted',
      bestFit: 'phrase.bestFit.exact',
      householdProximity: 'phrase.household.near',
    });
    expect(roomIdsOf(s)).to.deep.equal([8, 9]);
    expect(
      roomIdsOf(suggestion({ rooms: [{ roomId: 3, number: '3', members: [0, 1] }] })),
    ).to.deep.equal([3]);
  });
});
