import { expect } from 'chai';
import { planRoomNumbers } from '../../server/services/createRooms';

describe('room numbering for bulk creation', () => {
  it('numbers rooms by floor and a two-digit index', () => {
    const rooms = planRoomNumbers({ floors: { from: 3, to: 4 }, roomsPerFloor: 12, beds: 1 });
    expect(rooms).to.have.length(24);
    expect(rooms[0]).to.deep.equal({ floor: 3, number: '301' });
    expect(rooms[23]).to.deep.equal({ floor: 4, number: '412' });
  });

  it('uses three digits when a floor has more than 99 rooms, keeping numbers unique', () => {
    const rooms = planRoomNumbers({ floors: { from: 1, to: 2 }, roomsPerFloor: 120, beds: 1 });
    expect(rooms[0].number).to.equal('1001');
    expect(new Set(rooms.map((r) => r.number)).size).to.equal(240);
  });
});
