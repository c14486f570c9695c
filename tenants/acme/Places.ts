/**
 * Acme's training centres: four TO locations with their physical rooms. Three were mirrored into Docebo by an earlier
 * sync (stamped with the TO ids); the New York centre opened since, so the first sync creates it in Docebo. One
 * Lyon room was refitted in TO and Docebo still shows its old seat count.
 */
import {
  type DoceboClassroom,
  DoceboClassroomId,
  type DoceboLocation,
  DoceboLocationId,
  type ToLocation,
  ToLocationId,
  type ToRoom,
  ToRoomId,
} from "../../engine/Model.ts"

interface RoomRow {
  readonly id: string
  readonly name: string
  readonly seats: number
  /** The mirrored Docebo classroom, when there is one. */
  readonly classroomId?: string
  /** The seat count Docebo still shows, when it differs from TO's. */
  readonly doceboSeats?: number
}

interface LocationRow {
  readonly id: string
  readonly name: string
  readonly address: string
  readonly city: string
  readonly country: string
  readonly timezone: string
  /** The mirrored Docebo location, when there is one. */
  readonly doceboId?: string
  readonly rooms: ReadonlyArray<RoomRow>
}

const locationRows: ReadonlyArray<LocationRow> = [
  {
    id: "loc_paris",
    name: "Acme Paris – La Défense",
    address: "1 Parvis de La Défense",
    city: "Puteaux",
    country: "FR",
    timezone: "Europe/Paris",
    doceboId: "11",
    rooms: [
      { id: "room_par_seine", name: "Seine", seats: 16, classroomId: "201" },
      { id: "room_par_louvre", name: "Louvre", seats: 12, classroomId: "202" },
      { id: "room_par_orsay", name: "Orsay Auditorium", seats: 40, classroomId: "203" },
      { id: "room_par_lab", name: "Innovation Lab", seats: 10, classroomId: "204" },
    ],
  },
  {
    id: "loc_lyon",
    name: "Acme Lyon – Part-Dieu",
    address: "129 Rue Servient",
    city: "Lyon",
    country: "FR",
    timezone: "Europe/Paris",
    doceboId: "12",
    rooms: [
      { id: "room_lyo_rhone", name: "Rhône", seats: 14, classroomId: "205", doceboSeats: 12 },
      { id: "room_lyo_saone", name: "Saône", seats: 10, classroomId: "206" },
    ],
  },
  {
    id: "loc_london",
    name: "Acme London – Canary Wharf",
    address: "25 Canada Square",
    city: "London",
    country: "GB",
    timezone: "Europe/London",
    doceboId: "13",
    rooms: [
      { id: "room_lon_thames", name: "Thames", seats: 18, classroomId: "207" },
      { id: "room_lon_baker", name: "Baker Street", seats: 12, classroomId: "208" },
      { id: "room_lon_abbey", name: "Abbey Road", seats: 8, classroomId: "209" },
    ],
  },
  {
    id: "loc_nyc",
    name: "Acme New York – Midtown",
    address: "350 Fifth Avenue",
    city: "New York",
    country: "US",
    timezone: "America/New_York",
    rooms: [
      { id: "room_nyc_hudson", name: "Hudson", seats: 20 },
      { id: "room_nyc_empire", name: "Empire", seats: 12 },
      { id: "room_nyc_brooklyn", name: "Brooklyn", seats: 10 },
    ],
  },
]

export const acmeLocations: ReadonlyArray<ToLocation> = locationRows.map((row) => ({
  id: ToLocationId.make(row.id),
  name: row.name,
  address: row.address,
  city: row.city,
  country: row.country,
}))

export const acmePhysicalRooms: ReadonlyArray<ToRoom> = locationRows.flatMap((location) =>
  location.rooms.map((room) => ({
    id: ToRoomId.make(room.id),
    locationId: ToLocationId.make(location.id),
    name: room.name,
    seats: room.seats,
    kind: "physical" as const,
    webinarTool: null,
    active: true,
    externalRef: null,
  })),
)

export const acmeDoceboLocations: ReadonlyArray<DoceboLocation> = locationRows.flatMap((row) =>
  row.doceboId === undefined
    ? []
    : [
        {
          id: DoceboLocationId.make(row.doceboId),
          name: row.name,
          // Docebo keeps the address on one line; TO splits street and city.
          address: `${row.address}, ${row.city}`,
          countryCode: row.country,
          externalId: ToLocationId.make(row.id),
        },
      ],
)

export const acmeClassrooms: ReadonlyArray<DoceboClassroom> = locationRows.flatMap((location) =>
  location.rooms.flatMap((room) =>
    location.doceboId === undefined || room.classroomId === undefined
      ? []
      : [
          {
            id: DoceboClassroomId.make(room.classroomId),
            locationId: DoceboLocationId.make(location.doceboId),
            name: room.name,
            seats: room.doceboSeats ?? room.seats,
            externalId: ToRoomId.make(room.id),
          },
        ],
  ),
)

/** Where a physical room is: its TO location, its time zone and, when mirrored, its Docebo classroom. */
export const placeOfRoom = (roomId: string) => {
  for (const location of locationRows) {
    const room = location.rooms.find((candidate) => candidate.id === roomId)
    if (!room) continue
    return {
      locationId: ToLocationId.make(location.id),
      timezone: location.timezone,
      doceboLocationId: location.doceboId === undefined ? null : DoceboLocationId.make(location.doceboId),
      classroomId: room.classroomId === undefined ? null : DoceboClassroomId.make(room.classroomId),
    }
  }
  return undefined
}
